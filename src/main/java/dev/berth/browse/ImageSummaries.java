package dev.berth.browse;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Platform;
import dev.berth.format.ImageConfigParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds {@link ImageSummary}s from manifests and configs already fetched. Pure: no I/O. */
public final class ImageSummaries {

    private ImageSummaries() {}

    /** A single image: {@code config} is empty for artifacts (their config is not an image config). */
    public static ImageSummary ofImage(Digest digest, ImageManifest image, Optional<ImageConfig> config) {
        Map<Digest, Long> blobs = new LinkedHashMap<>();
        image.blobs().forEach(b -> blobs.put(b.digest(), b.size()));
        List<Platform> platforms = config.map(c -> List.of(c.platform())).orElse(List.of());
        Optional<String> artifactType = image.isArtifact() ? Optional.of(image.effectiveArtifactType()) : Optional.empty();
        return new ImageSummary(digest, image.mediaType(), image.size(), config.flatMap(ImageConfig::created), platforms, blobs,
                List.of(), image.subject().map(Descriptor::digest), artifactType);
    }

    /**
     * An index from its children's summaries (missing children are left out of sizes). Its size
     * counts each distinct blob once; its created date is the annotation, else the newest child's.
     */
    public static ImageSummary ofIndex(Digest digest, ImageIndex index, Map<Digest, ImageSummary> children) {
        Map<Digest, Long> blobs = new LinkedHashMap<>();
        List<Platform> platforms = new ArrayList<>();
        Optional<Instant> newestChild = Optional.empty();
        for (Descriptor entry : index.manifests()) {
            ImageSummary child = children.get(entry.digest());
            if (child == null) continue;
            blobs.putAll(child.blobs());
            if (!entry.isAttestation()) {
                platforms.add(entry.platform().orElseGet(() -> child.platforms().stream().findFirst()
                        .orElse(Platform.of("unknown", "unknown"))));
                if (child.created().isPresent() && (newestChild.isEmpty() || child.created().get().isAfter(newestChild.get()))) {
                    newestChild = child.created();
                }
            }
        }
        long size = blobs.values().stream().mapToLong(Long::longValue).sum();
        Optional<Instant> created = Optional.ofNullable(index.annotations().get(ImageIndex.CREATED_ANNOTATION))
                .flatMap(ImageConfigParser::parseInstant);
        if (created.isEmpty()) created = newestChild;
        return new ImageSummary(digest, index.mediaType(), size, created, platforms, blobs,
                index.manifests().stream().map(Descriptor::digest).toList(), index.subject().map(Descriptor::digest),
                index.artifactType());
    }
}
