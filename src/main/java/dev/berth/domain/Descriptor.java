package dev.berth.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A typed pointer to content: what it is, its digest and size, and (in an index) its platform. */
public record Descriptor(
        MediaType mediaType,
        Digest digest,
        long size,
        Optional<Platform> platform,
        Map<String, String> annotations,
        List<String> urls,
        Optional<String> artifactType) {

    /** Annotation buildx puts on attestation entries of an index. */
    public static final String REFERENCE_TYPE_ANNOTATION = "vnd.docker.reference.type";

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) throw new IllegalArgumentException("negative size " + size + " for " + digest);
        Objects.requireNonNull(platform, "platform");
        annotations = Map.copyOf(annotations);
        urls = List.copyOf(urls);
        Objects.requireNonNull(artifactType, "artifactType");
    }

    public static Descriptor of(MediaType mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, Optional.empty(), Map.of(), List.of(), Optional.empty());
    }

    public Descriptor withPlatform(Platform platform) {
        return new Descriptor(mediaType, digest, size, Optional.of(platform), annotations, urls, artifactType);
    }

    public Descriptor withAnnotations(Map<String, String> annotations) {
        return new Descriptor(mediaType, digest, size, platform, annotations, urls, artifactType);
    }

    /**
     * True for buildx attestation entries (platform {@code unknown/unknown} with a
     * {@code vnd.docker.reference.type} annotation): they are not platforms a person can run.
     */
    public boolean isAttestation() {
        return annotations.containsKey(REFERENCE_TYPE_ANNOTATION)
                || platform.map(Platform::isUnknown).orElse(false);
    }
}
