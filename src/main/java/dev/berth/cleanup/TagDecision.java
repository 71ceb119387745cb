package dev.berth.cleanup;

import dev.berth.domain.Digest;
import java.util.Objects;

/** One tag in the preview: what happens to it and why. */
public record TagDecision(String repository, String tag, Digest digest, Fate fate, Reason reason) {

    public enum Fate { KEEP, DELETE }

    public TagDecision {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(fate, "fate");
        Objects.requireNonNull(reason, "reason");
        if ((fate == Fate.KEEP) != reason.keeps()) throw new IllegalArgumentException(fate + " with reason " + reason);
    }

    public boolean deleted() {
        return fate == Fate.DELETE;
    }
}
