package dev.berth.cleanup;

import java.util.Objects;

/** What became of one planned deletion when the plan was applied. */
public record DeletionOutcome(ManifestDeletion deletion, Status status, String message) {

    public enum Status {
        DELETED,
        /** Not there any more when Berth came to it: nothing to do. */
        ALREADY_GONE,
        /** Tried and refused or broken; {@code message} says why and what to do. */
        FAILED,
        /** Not tried: cancelled, stopped after an earlier failure, or needed by something that stayed. */
        SKIPPED
    }

    public DeletionOutcome {
        Objects.requireNonNull(deletion, "deletion");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** True when the manifest is gone from the registry, by this run or before it. */
    public boolean gone() {
        return status == Status.DELETED || status == Status.ALREADY_GONE;
    }
}
