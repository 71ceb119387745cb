package dev.berth.browse;

import dev.berth.domain.Digest;
import java.time.Instant;
import java.util.Objects;

/** A tag and when the image it points at was created: one line of "recent pushes". */
public record RecentPush(String repository, String tag, Digest digest, Instant created) {

    public RecentPush {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(created, "created");
    }
}
