package dev.berth.browse;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Berth needs to list, sort and clean up one manifest, derived from its manifest and config
 * (content under a digest never changes, so a summary can be cached forever by digest).
 *
 * @param size       compressed size: image = config + layers; index = each distinct blob once
 * @param blobs      every blob this manifest keeps alive with its size: config and layers, and for
 *                   an index those of all its children
 * @param children   for an index, the child manifests (platforms and attestations); empty otherwise
 * @param subject    the manifest this one refers to (signature, SBOM, attestation), if any
 */
public record ImageSummary(
        Digest digest,
        MediaType mediaType,
        long size,
        Optional<Instant> created,
        List<Platform> platforms,
        Map<Digest, Long> blobs,
        List<Digest> children,
        Optional<Digest> subject,
        Optional<String> artifactType) {

    public ImageSummary {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(created, "created");
        platforms = List.copyOf(platforms);
        blobs = Map.copyOf(blobs);
        children = List.copyOf(children);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(artifactType, "artifactType");
    }

    public boolean isIndex() {
        return mediaType.isIndex();
    }

    public boolean isArtifact() {
        return artifactType.isPresent();
    }
}
