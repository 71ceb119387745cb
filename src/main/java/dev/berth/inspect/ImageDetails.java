package dev.berth.inspect;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Berth shows about one tag or digest: sizes are compressed (as pulled); for an index,
 * {@code size} counts each distinct blob once and each platform has its own size.
 */
public record ImageDetails(
        String registry,
        String repository,
        String requested,
        Digest digest,
        MediaType mediaType,
        long size,
        Optional<Instant> created,
        List<PlatformDetails> platforms,
        List<Descriptor> attestations,
        List<Descriptor> layers,
        Optional<ImageConfig> config,
        Manifest manifest) {

    /** One platform of a multi-platform image. */
    public record PlatformDetails(Platform platform, Digest digest, long size, Optional<Instant> created) {
        public PlatformDetails {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(created, "created");
        }
    }

    public ImageDetails {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(created, "created");
        platforms = List.copyOf(platforms);
        attestations = List.copyOf(attestations);
        layers = List.copyOf(layers);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(manifest, "manifest");
    }

    public boolean isIndex() {
        return mediaType.isIndex();
    }

    /** {@code host/repo:tag} or {@code host/repo@digest}, as the user asked for it. */
    public String reference() {
        return registry + "/" + repository + (Digest.isDigest(requested) ? "@" : ":") + requested;
    }
}
