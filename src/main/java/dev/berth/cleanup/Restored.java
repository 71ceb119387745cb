package dev.berth.cleanup;

/**
 * What a {@link JournalRestorer} reports through a {@link dev.berth.work.Progress} as undo puts each
 * manifest back, from the restoring thread: {@code done} of {@code total} entries handled so far.
 */
public record Restored(RestoreOutcome outcome, int done, int total) {}
