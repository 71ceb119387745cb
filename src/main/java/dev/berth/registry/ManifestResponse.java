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
 * the registry declared. Only such a response can produce a {@link DeletableManifest}, so only the
 * client makes one: the constructor is package-private (a public record's constructor would let
 * any caller pair a real manifest with a layer or config digest and get it "deletable", T6).
 */
public final class ManifestResponse {

    private final String repository;
    private final String requestedReference;
    private final Manifest manifest;
    private final Digest digest;
    private final MediaType contentType;

    ManifestResponse(String repository, String requestedReference, Manifest manifest, Digest digest, MediaType contentType) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.requestedReference = Objects.requireNonNull(requestedReference, "requestedReference");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    public String repository() {
        return repository;
    }

    public String requestedReference() {
        return requestedReference;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The digest of the bytes as received (verified against the requested digest, if one was requested). */
    public Digest digest() {
        return digest;
    }

    public MediaType contentType() {
        return contentType;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof ManifestResponse r && repository.equals(r.repository)
                && requestedReference.equals(r.requestedReference) && manifest.equals(r.manifest)
                && digest.equals(r.digest) && contentType.equals(r.contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repository, requestedReference, manifest, digest, contentType);
    }

    @Override
    public String toString() {
        return "ManifestResponse[" + repository + (Digest.isDigest(requestedReference) ? "@" : ":") + requestedReference
                + " -> " + digest + ", " + contentType + "]";
    }
}
