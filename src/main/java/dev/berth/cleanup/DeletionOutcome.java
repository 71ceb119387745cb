package dev.berth.cleanup;

import java.util.Objects;

/** What became of one planned removal (a manifest deleted, or a tag untagged) when the plan was applied. */
public record DeletionOutcome(Removal removal, Status status, String message) {

    public enum Status {
        /** The manifest was deleted, or the tag removed. */
        DELETED,
        /** Not there any more when Berth came to it: nothing to do. */
        ALREADY_GONE,
        /** Tried and refused or broken; {@code message} says why and what to do. */
        FAILED,
        /** Not tried: cancelled, stopped after an earlier failure, or needed by something that stayed. */
        SKIPPED
    }

    public DeletionOutcome {
        Objects.requireNonNull(removal, "removal");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** True when an untag, not a manifest delete. */
    public boolean isUntag() {
        return removal instanceof TagRemoval;
    }

    /** True when the manifest (or the tag, for an untag) is gone from the registry, by this run or before it. */
    public boolean gone() {
        return status == Status.DELETED || status == Status.ALREADY_GONE;
    }
}
