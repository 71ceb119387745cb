package dev.berth.cleanup;

import java.util.List;
import java.util.Objects;

/** What undo did for one journaled manifest. */
public record RestoreOutcome(JournalEntry entry, Status status, List<String> tagsRestored, String message) {

    public enum Status {
        /** Put back with the identical bytes (same digest) and its tags. */
        RESTORED,
        /** Still (or again) in the registry: nothing to put back. Tags that were missing are put back. */
        PRESENT,
        /** Cannot be put back: a blob or child is gone (garbage collection ran) — {@code message} says which. */
        IMPOSSIBLE,
        /** The registry refused or failed; trying again may work. */
        FAILED,
        /** Never deleted (refused, or gone before Berth came): nothing to undo. */
        NOT_NEEDED,
        SKIPPED
    }

    public RestoreOutcome {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(status, "status");
        tagsRestored = List.copyOf(tagsRestored);
        Objects.requireNonNull(message, "message");
    }
}
