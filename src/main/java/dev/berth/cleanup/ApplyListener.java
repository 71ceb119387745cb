package dev.berth.cleanup;

/**
 * Told how an apply goes, from the deleting threads (several at once): a UI must hand the calls
 * over to its own thread.
 */
public interface ApplyListener {

    ApplyListener NONE = new ApplyListener() {};

    /** The journal operation exists; {@code total} deletions follow. */
    default void started(String journalId, int total) {}

    default void finished(DeletionOutcome outcome, int done, int total) {}
}
