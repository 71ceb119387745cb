package dev.berth.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sizes of a multi-platform image: each platform as it would be pulled, and the whole index with
 * every distinct blob counted once (platforms often share layers; attestations count here, since
 * they take space in the registry, but are not platforms).
 */
public record IndexSize(List<PlatformSize> platforms, long distinctBlobBytes, List<Digest> missingChildren) {

    /** One child of an index with its own compressed size. */
    public record PlatformSize(Platform platform, Digest digest, long size) {
        public PlatformSize {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(digest, "digest");
        }
    }

    public IndexSize {
        platforms = List.copyOf(platforms);
        missingChildren = List.copyOf(missingChildren);
    }

    /**
     * Computes the sizes of {@code index} from its children, which the caller fetched. A child
     * that is absent from {@code children} (not fetched, or gone) is listed as missing rather than
     * guessed at.
     */
    public static IndexSize of(ImageIndex index, Map<Digest, ImageManifest> children) {
        List<PlatformSize> platforms = new ArrayList<>();
        Map<Digest, Long> distinct = new LinkedHashMap<>();
        List<Digest> missing = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            ImageManifest child = children.get(entry.digest());
            if (child == null) {
                missing.add(entry.digest());
                continue;
            }
            child.blobs().forEach(blob -> distinct.put(blob.digest(), blob.size()));
            if (!entry.isAttestation()) {
                Platform platform = entry.platform().orElse(Platform.of("unknown", "unknown"));
                platforms.add(new PlatformSize(platform, entry.digest(), child.size()));
            }
        }
        long total = distinct.values().stream().mapToLong(Long::longValue).sum();
        return new IndexSize(platforms, total, missing);
    }

    public Optional<PlatformSize> platform(Platform platform) {
        return platforms.stream().filter(p -> p.platform().equals(platform)).findFirst();
    }
}
