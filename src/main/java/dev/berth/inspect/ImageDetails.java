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
 *
 * @param missingChildren children the index lists that the registry does not have (deleted on their
 *                        own, trap T7): their blobs are not in {@code size}, which is then partial,
 *                        or unknown when no child is left
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
        Manifest manifest,
        List<Descriptor> missingChildren) {

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
        missingChildren = List.copyOf(missingChildren);
    }

    /** True when {@code size} counts everything: no child of the index is missing. */
    public boolean sizeComplete() {
        return missingChildren.isEmpty();
    }

    /** True when no child of the index is left, so {@code size} (0) says nothing. */
    public boolean sizeUnknown() {
        return !missingChildren.isEmpty() && missingChildren.size() == manifestCount();
    }

    /**
     * The size in words when it is not the whole truth: unknown when every child of the index is
     * missing, a lower bound when some are. Empty when {@code size} is complete.
     */
    public Optional<String> incompleteSize(String formattedSize) {
        if (sizeComplete()) return Optional.empty();
        int missing = missingChildren.size();
        if (sizeUnknown()) {
            return Optional.of("unknown: " + (missing == 1 ? "the only image" : "all " + missing + " images") + " this index lists "
                    + (missing == 1 ? "is" : "are") + " missing from the registry");
        }
        return Optional.of("at least " + formattedSize + " (partial: " + missing + " of " + manifestCount()
                + " images this index lists " + (missing == 1 ? "is" : "are") + " missing from the registry and not counted)");
    }

    /** What a person can do about missing children. */
    public static final String MISSING_ADVICE = "Pulling a missing platform fails. Push the image again to restore them, or delete "
            + "the index if it is no longer wanted.";

    /** How a missing child is named: its platform, or that it is an attestation. */
    public static String describe(Descriptor child) {
        if (child.isAttestation()) return "attestation";
        return child.platform().map(Platform::toString).orElse("unknown platform");
    }

    private int manifestCount() {
        return manifest instanceof dev.berth.domain.ImageIndex index ? index.manifests().size() : 0;
    }

    public boolean isIndex() {
        return mediaType.isIndex();
    }

    /** {@code host/repo:tag} or {@code host/repo@digest}, as the user asked for it. */
    public String reference() {
        return registry + "/" + repository + (Digest.isDigest(requested) ? "@" : ":") + requested;
    }
}
