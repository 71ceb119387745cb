package dev.berth.registry;

import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest as fetched: the parsed document, the digest of the exact bytes, and the Content-Type
 * the registry declared. Only such a response can produce a {@link DeletableManifest}.
 */
public record ManifestResponse(String repository, String requestedReference, Manifest manifest, Digest digest,
        MediaType contentType) {

    public ManifestResponse {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(requestedReference, "requestedReference");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(contentType, "contentType");
    }

    /**
     * The digest to delete, if it is safe to: the registry must have answered with a manifest
     * type Berth asked for and the document must be of that type. A converted schema1 answer
     * (trap T1) or a layer digest (T6) never qualifies.
     */
    public Optional<DeletableManifest> deletable() {
        if (!MediaType.MANIFEST_TYPES.contains(contentType)) return Optional.empty();
        boolean consistent = switch (manifest) {
            case ImageManifest m -> contentType.isImageManifest() && m.mediaType().equals(contentType);
            case ImageIndex i -> contentType.isIndex() && i.mediaType().equals(contentType);
            default -> false;
        };
        return consistent ? Optional.of(new DeletableManifest(repository, digest, contentType)) : Optional.empty();
    }
}
