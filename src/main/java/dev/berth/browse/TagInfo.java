package dev.berth.browse;

import dev.berth.domain.Digest;
import java.util.Objects;

/** A tag and the digest it points at now (resolved with a HEAD, never cached: tags move). */
public record TagInfo(String repository, String tag, Digest digest) {
    public TagInfo {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }
}
