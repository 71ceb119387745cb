package dev.berth.domain;

/** What names a manifest within a repository: a {@link Tag} (which moves) or a {@link Digest} (which does not). */
public sealed interface TagOrDigest permits Tag, Digest {

    /** As it goes into {@code /v2/<name>/manifests/<reference>}. */
    String text();
}
