package dev.berth.cleanup;

import dev.berth.domain.Digest;
import java.util.List;
import java.util.Objects;

/**
 * A tag the plan removes on its own ("untag"), where the registry's tag delete removes only the
 * tag: its image is kept (for another tag, or as part of a kept index), so deleting by digest is
 * not an option, and the rules still want the tag gone.
 *
 * @param otherTags the tags that stay on the image (for putting it back, should the registry take
 *                  the whole image after all)
 */
public record TagRemoval(String repository, String tag, Digest digest, List<String> otherTags, Reason reason) implements Removal {

    public TagRemoval {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        otherTags = List.copyOf(otherTags);
        Objects.requireNonNull(reason, "reason");
        if (Digest.isDigest(tag)) throw new IllegalArgumentException("a tag, not a digest: " + tag);
    }

    @Override
    public List<String> tags() {
        return List.of(tag);
    }
}
