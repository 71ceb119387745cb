package dev.berth.registry;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;

/**
 * A manifest digest that is safe to delete: it can only be made from a {@link ManifestResponse}
 * (see {@link ManifestResponse#deletable()}), so a tag, a layer or config digest, or a digest of
 * a converted document cannot reach {@code DELETE /manifests/} by mistake (traps T1, T6).
 */
public final class DeletableManifest {

    private final String repository;
    private final Digest digest;
    private final MediaType mediaType;

    DeletableManifest(String repository, Digest digest, MediaType mediaType) {
        this.repository = repository;
        this.digest = digest;
        this.mediaType = mediaType;
    }

    public String repository() {
        return repository;
    }

    public Digest digest() {
        return digest;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    @Override
    public String toString() {
        return repository + "@" + digest;
    }
}
