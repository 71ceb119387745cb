package dev.berth.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The overview's arithmetic: distinct images and blobs across repositories, partial figures, recent pushes. */
class RegistryTallyTest {

    private final RegistryTally tally = new RegistryTally();

    @Test
    void catalogBatchesCountRepositoriesAndTagsAndSayWhenTheyAreComplete() {
        tally.catalog(batch(List.of("a", "b", "c"), List.of(new TagCount("a", 3)), false));
        RegistryFigures partial = tally.figures();
        assertEquals(3, partial.repositories());
        assertEquals(3, partial.tags());
        assertFalse(partial.tagsComplete(), "two repositories not counted yet, and more may be listed");

        tally.catalog(batch(List.of(), List.of(new TagCount("b", 2), new TagCount("c", 0)), true));
        RegistryFigures whole = tally.figures();
        assertEquals(5, whole.tags());
        assertTrue(whole.tagsComplete());
        assertFalse(whole.scanComplete(), "nothing scanned yet");
        assertEquals(0, whole.scanFraction());
    }

    @Test
    void aLayerSharedByImagesInTwoRepositoriesIsCountedOnce() {
        tally.catalog(batch(List.of("team/api", "team/web"), List.of(), true));
        tally.scanned(repository("team/api")
                .image("api-1", "2025-01-01T00:00:00Z", "config-api-1", 100, "base", 1000, "api-layer", 50)
                .tag("api-1", "1.0", "latest").build());
        tally.scanned(repository("team/web")
                .image("web-1", "2025-02-01T00:00:00Z", "config-web-1", 100, "base", 1000, "web-layer", 70)
                .image("api-1", "2025-01-01T00:00:00Z", "config-api-1", 100, "base", 1000, "api-layer", 50)
                .tag("web-1", "1.0").tag("api-1", "copied").build());

        RegistryFigures figures = tally.figures();
        assertEquals(2, figures.images(), "api-1 is in both repositories but is one image");
        assertEquals(100 + 1000 + 50 + 100 + 70, figures.sizeAsPulled(), "base and api-1's blobs once");
        assertEquals(4, figures.tags());
        assertEquals(2, figures.repositoriesScanned());
        assertTrue(figures.scanComplete());
    }

    @Test
    void anIndexCountsAsOneImageWithAllItsPlatformsBlobs() {
        tally.scanned(repository("library/alpine")
                .image("amd64", "2025-03-01T00:00:00Z", "c1", 10, "l1", 300)
                .image("arm64", "2025-03-01T00:00:00Z", "c2", 10, "l2", 280)
                .index("multi", null, "amd64", "arm64")
                .tag("multi", "latest").build());
        RegistryFigures figures = tally.figures();
        assertEquals(1, figures.images(), "what a tag points at is the image; the children are its platforms");
        assertEquals(600, figures.sizeAsPulled());
        assertEquals(List.of(), figures.recentPushes(), "an index without a date has no place among the recent pushes");
    }

    @Test
    void scanningARepositoryAgainReplacesWhatItsEarlierScanAdded() {
        tally.scanned(repository("app").image("old", "2024-01-01T00:00:00Z", "c-old", 10, "l-old", 500).tag("old", "1").build());
        tally.scanned(repository("app").image("new", "2025-01-01T00:00:00Z", "c-new", 20, "l-new", 700).tag("new", "2").build());
        RegistryFigures figures = tally.figures();
        assertEquals(1, figures.images());
        assertEquals(720, figures.sizeAsPulled(), "the old image's blobs went with its tag");
        assertEquals(1, figures.tags());
        assertEquals(List.of("app:2"), names(figures.recentPushes()));
    }

    @Test
    void recentPushesAreTheNewestTagsAcrossRepositoriesNewestFirst() {
        for (int i = 1; i <= 4; i++) {
            tally.scanned(repository("repo" + i)
                    .image("a" + i, "2025-0" + i + "-01T00:00:00Z", "ca" + i, 1)
                    .image("b" + i, "2025-0" + i + "-15T00:00:00Z", "cb" + i, 1)
                    .image("undated" + i, null, "cu" + i, 1)
                    .tag("a" + i, "a").tag("b" + i, "b").tag("undated" + i, "undated").build());
        }
        assertEquals(List.of("repo4:b", "repo4:a", "repo3:b", "repo3:a", "repo2:b"), names(tally.figures().recentPushes()));
        assertEquals(RegistryTally.RECENT, tally.figures().recentPushes().size());
    }

    @Test
    void unreadableManifestsAndFailedRepositoriesAreLeftOutButCountedAsDone() {
        tally.catalog(batch(List.of("ok", "broken", "later"), List.of(), true));
        tally.scanned(repository("ok").image("i", "2025-01-01T00:00:00Z", "c", 5).tag("i", "1").unreadableTag("gone", "2").build());
        tally.failed("broken");
        RegistryFigures figures = tally.figures();
        assertEquals(1, figures.images());
        assertEquals(5, figures.sizeAsPulled());
        assertEquals(2, figures.tags(), "the unreadable tag is still a tag");
        assertEquals(1, figures.repositoriesFailed());
        assertFalse(figures.scanComplete(), "'later' is not scanned");
        assertEquals(2.0 / 3, figures.scanFraction(), 1e-9);
        assertTrue(tally.isScanned("broken"));
        assertFalse(tally.isScanned("later"));
    }

    private static List<String> names(List<RecentPush> pushes) {
        return pushes.stream().map(p -> p.repository() + ":" + p.tag()).toList();
    }

    private static CatalogBatch batch(List<String> names, List<TagCount> counts, boolean ended) {
        return new CatalogBatch(names, counts, List.of(), new CatalogProgress(names.size(), names.size(), counts.size(), 0, ended));
    }

    private static Snapshot repository(String name) {
        return new Snapshot(name);
    }

    private static Digest digest(String name) {
        return Digest.sha256(name.getBytes(StandardCharsets.UTF_8));
    }

    /** A synthetic scan: digests are hashes of names, blobs given as name, size, name, size… */
    private static final class Snapshot {
        private final String repository;
        private final List<TagInfo> tags = new ArrayList<>();
        private final Map<Digest, ImageSummary> images = new LinkedHashMap<>();

        Snapshot(String repository) {
            this.repository = repository;
        }

        Snapshot image(String name, String created, Object... blobs) {
            Map<Digest, Long> sizes = new LinkedHashMap<>();
            for (int i = 0; i < blobs.length; i += 2) sizes.put(digest((String) blobs[i]), ((Number) blobs[i + 1]).longValue());
            images.put(digest(name), summary(name, MediaType.OCI_MANIFEST, created, sizes, List.of()));
            return this;
        }

        Snapshot index(String name, String created, String... children) {
            Map<Digest, Long> sizes = new LinkedHashMap<>();
            for (String child : children) sizes.putAll(images.get(digest(child)).blobs());
            images.put(digest(name), summary(name, MediaType.OCI_INDEX, created, sizes,
                    java.util.Arrays.stream(children).map(RegistryTallyTest::digest).toList()));
            return this;
        }

        Snapshot tag(String image, String... names) {
            for (String tag : names) tags.add(new TagInfo(repository, tag, digest(image)));
            return this;
        }

        Snapshot unreadableTag(String image, String tag) {
            return tag(image, tag);
        }

        RepositorySnapshot build() {
            return new RepositorySnapshot("registry.test", repository, tags, images);
        }

        private static ImageSummary summary(String name, MediaType type, String created, Map<Digest, Long> blobs, List<Digest> children) {
            return new ImageSummary(digest(name), type, blobs.values().stream().mapToLong(Long::longValue).sum(),
                    Optional.ofNullable(created).map(Instant::parse), List.of(), blobs, children, Optional.empty(), Optional.empty());
        }
    }
}
