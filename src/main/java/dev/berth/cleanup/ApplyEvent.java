package dev.berth.cleanup;

/**
 * What a {@link CleanupExecutor} reports as an apply goes, through a {@link dev.berth.work.Progress}.
 * {@link Deleted} comes from the deleting threads, several at once: a UI hands the events over to
 * its own thread in batches.
 */
public sealed interface ApplyEvent {

    /** The journal operation exists; {@code total} deletions and untaggings follow. */
    record Started(String journalId, int total) implements ApplyEvent {}

    /** One deletion or untagging ended ({@code done} of {@code total} so far). */
    record Deleted(DeletionOutcome outcome, int done, int total) implements ApplyEvent {}
}
