package dev.berth.cleanup;

import dev.berth.domain.Digest;
import java.util.Objects;

/** One tag in the preview: what happens to it and why (UNTAG: the tag goes, its image stays for others). */
public record TagDecision(String repository, String tag, Digest digest, Fate fate, Reason reason) {

    public enum Fate { KEEP, DELETE, UNTAG }

    public TagDecision {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(fate, "fate");
        Objects.requireNonNull(reason, "reason");
        if ((fate == Fate.KEEP) != reason.keeps()) throw new IllegalArgumentException(fate + " with reason " + reason);
    }

    /** True when the tag goes with its image (deleted by digest). */
    public boolean deleted() {
        return fate == Fate.DELETE;
    }

    /** True when only the tag goes. */
    public boolean untagged() {
        return fate == Fate.UNTAG;
    }

    /** True when the tag is not there after the apply, whichever way it goes. */
    public boolean removed() {
        return fate != Fate.KEEP;
    }
}
