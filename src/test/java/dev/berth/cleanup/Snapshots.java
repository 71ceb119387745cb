package dev.berth.cleanup;

import dev.berth.browse.ImageSummary;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.TagInfo;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds synthetic {@link RepositorySnapshot}s by name: digests are hashes of the names, so tests read as prose. */
final class Snapshots {

    private final String repository;
    private final List<TagInfo> tags = new ArrayList<>();
    private final Map<Digest, ImageSummary> images = new LinkedHashMap<>();

    private Snapshots(String repository) {
        this.repository = repository;
    }

    static Snapshots repository(String repository) {
        return new Snapshots(repository);
    }

    static Digest digest(String name) {
        return Digest.sha256(name.getBytes(StandardCharsets.UTF_8));
    }

    /** An image with blobs given as name, size, name, size…; {@code created} may be null. */
    Snapshots image(String name, String created, Object... blobs) {
        images.put(digest(name), new ImageSummary(digest(name), MediaType.OCI_MANIFEST, size(blobs(blobs)),
                Optional.ofNullable(created).map(Instant::parse), List.of(), blobs(blobs), List.of(), Optional.empty(), Optional.empty()));
        return this;
    }

    /** An artifact (signature, SBOM) referring to {@code subject}. */
    Snapshots referrer(String name, String subject, Object... blobs) {
        images.put(digest(name), new ImageSummary(digest(name), MediaType.OCI_MANIFEST, size(blobs(blobs)), Optional.empty(), List.of(),
                blobs(blobs), List.of(), Optional.of(digest(subject)), Optional.of("application/vnd.dev.cosign.artifact.sig.v1+json")));
        return this;
    }

    /** An index over already added children; its blobs are theirs, as {@code ImageSummaries.ofIndex} makes them. */
    Snapshots index(String name, String created, String... children) {
        Map<Digest, Long> blobs = new LinkedHashMap<>();
        for (String child : children) blobs.putAll(images.get(digest(child)).blobs());
        images.put(digest(name), new ImageSummary(digest(name), MediaType.OCI_INDEX, size(blobs),
                Optional.ofNullable(created).map(Instant::parse), List.of(), blobs,
                java.util.Arrays.stream(children).map(Snapshots::digest).toList(), Optional.empty(), Optional.empty()));
        return this;
    }

    Snapshots tag(String image, String... names) {
        for (String name : names) tags.add(new TagInfo(repository, name, digest(image)));
        return this;
    }

    /** A tag whose manifest Berth could not read (not in images). */
    Snapshots unreadableTag(String image, String name) {
        tags.add(new TagInfo(repository, name, digest(image)));
        return this;
    }

    RepositorySnapshot build() {
        return new RepositorySnapshot("registry.test:5000", repository, tags, images);
    }

    private static Map<Digest, Long> blobs(Object... namesAndSizes) {
        Map<Digest, Long> blobs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSizes.length; i += 2) {
            blobs.put(digest((String) namesAndSizes[i]), ((Number) namesAndSizes[i + 1]).longValue());
        }
        return blobs;
    }

    private static long size(Map<Digest, Long> blobs) {
        return blobs.values().stream().mapToLong(Long::longValue).sum();
    }
}
