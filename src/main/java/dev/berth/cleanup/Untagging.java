package dev.berth.cleanup;

import dev.berth.registry.Capabilities;

/**
 * Whether a plan may remove a tag on its own. Only where the registry's tag delete is known to
 * remove just the tag (trap T5): elsewhere a tag whose image stays for another tag is kept, and
 * the preview says so.
 */
public enum Untagging {
    /** Deletes are by digest only: a tag goes only with its image. */
    UNAVAILABLE,
    /** A tag the rules delete, whose image stays, is untagged. */
    AVAILABLE;

    public static Untagging of(Capabilities.TagDeletion tagDeletion) {
        return tagDeletion == Capabilities.TagDeletion.REMOVES_TAG_ONLY ? AVAILABLE : UNAVAILABLE;
    }
}
