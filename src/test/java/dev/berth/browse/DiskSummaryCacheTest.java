package dev.berth.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DiskSummaryCacheTest {

    private static final String REGISTRY = "127.0.0.1:5000";

    @TempDir
    Path dir;

    static Digest digest(int n) {
        return Digest.sha256(("content " + n).getBytes(StandardCharsets.UTF_8));
    }

    static ImageSummary image(int n) {
        return new ImageSummary(digest(n), MediaType.OCI_MANIFEST, 1000 + n, Optional.of(Instant.parse("2024-03-01T12:00:00Z")),
                List.of(Platform.of("linux", "amd64")), Map.of(digest(n + 1000), 100L + n, digest(n + 2000), 900L),
                List.of(), Optional.empty(), Optional.empty());
    }

    static Stream<ImageSummary> summaries() {
        ImageSummary index = new ImageSummary(digest(1), MediaType.OCI_INDEX, 4242, Optional.empty(),
                List.of(Platform.of("linux", "arm64", "v8"),
                        new Platform("windows", "amd64", Optional.empty(), Optional.of("10.0.17763.1234"))),
                Map.of(digest(2), 1L, digest(3), 4241L), List.of(digest(4), digest(5), digest(6)), Optional.empty(),
                Optional.empty());
        ImageSummary artifact = new ImageSummary(digest(7), MediaType.OCI_MANIFEST, 12, Optional.empty(), List.of(),
                Map.of(digest(8), 12L), List.of(), Optional.of(digest(9)), Optional.of("application/vnd.dev.cosign.artifact.sig.v1+json"));
        return Stream.of(image(0), index, artifact);
    }

    @ParameterizedTest
    @MethodSource("summaries")
    void keepsEverySummaryAcrossInstances(ImageSummary summary) {
        new DiskSummaryCache(dir).put(REGISTRY, summary);
        DiskSummaryCache reopened = new DiskSummaryCache(dir); // as after a restart
        assertEquals(Optional.of(summary), reopened.get(REGISTRY, summary.digest()));
        assertEquals(Optional.empty(), reopened.get("other.example:443", summary.digest()), "entries are per registry");
    }

    @Test
    void missIsEmpty() {
        assertEquals(Optional.empty(), new DiskSummaryCache(dir).get(REGISTRY, digest(1)));
    }

    @Test
    void writesOneSmallFilePerDigestAndNoLeftovers() throws IOException {
        DiskSummaryCache cache = new DiskSummaryCache(dir);
        for (int i = 0; i < 20; i++) cache.put(REGISTRY, image(i));
        cache.put(REGISTRY, image(3)); // again: replaces
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertEquals(20, regular.size(), regular.toString());
            assertTrue(regular.stream().allMatch(f -> f.getFileName().toString().endsWith(".json")), regular.toString());
            for (Path f : regular) assertTrue(Files.size(f) < 2048, f + " " + Files.size(f));
        }
        Path file = cache.file(REGISTRY, digest(3));
        assertTrue(file.startsWith(dir.resolve("summaries").resolve("v1").resolve("127.0.0.1%3A5000")), file.toString());
        assertTrue(file.toString().endsWith(digest(3).hex().substring(0, 2) + "/" + digest(3).hex() + ".json"), file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "[]", "{\"format\":1}", "{\"format\":99}", "\u0000\u0001garbage"})
    void corruptEntryIsIgnoredAndRewritten(String content) throws IOException {
        DiskSummaryCache cache = new DiskSummaryCache(dir);
        ImageSummary summary = image(1);
        cache.put(REGISTRY, summary);
        Path file = cache.file(REGISTRY, summary.digest());
        Files.writeString(file, content);

        assertEquals(Optional.empty(), cache.get(REGISTRY, summary.digest()));
        assertFalse(Files.exists(file), "a corrupt entry is removed");
        cache.put(REGISTRY, summary); // what the scanner does after fetching again
        assertEquals(Optional.of(summary), cache.get(REGISTRY, summary.digest()));
    }

    @Test
    void truncatedEntryIsIgnored() throws IOException {
        DiskSummaryCache cache = new DiskSummaryCache(dir);
        cache.put(REGISTRY, image(1));
        Path file = cache.file(REGISTRY, digest(1));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(Optional.empty(), cache.get(REGISTRY, digest(1)));
    }

    @Test
    void entryHoldingAnotherDigestIsIgnored() throws IOException {
        DiskSummaryCache cache = new DiskSummaryCache(dir);
        cache.put(REGISTRY, image(1));
        Path wrongPlace = cache.file(REGISTRY, digest(2));
        Files.createDirectories(wrongPlace.getParent());
        Files.copy(cache.file(REGISTRY, digest(1)), wrongPlace);
        assertEquals(Optional.empty(), cache.get(REGISTRY, digest(2)));
        assertEquals(Optional.of(image(1)), cache.get(REGISTRY, digest(1)));
    }

    @Test
    void unreadableEntryIsAMiss() throws IOException {
        DiskSummaryCache cache = new DiskSummaryCache(dir);
        cache.put(REGISTRY, image(1));
        Path file = cache.file(REGISTRY, digest(1));
        Files.delete(file);
        Files.createDirectory(file); // reading a directory fails with an IOException other than "no such file"
        assertEquals(Optional.empty(), cache.get(REGISTRY, digest(1)));
    }

    @Test
    void aCacheThatCannotBeWrittenIsNoError() throws IOException {
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the cache directory should be");
        DiskSummaryCache cache = new DiskSummaryCache(blocked);
        cache.put(REGISTRY, image(1));
        assertEquals(Optional.empty(), cache.get(REGISTRY, digest(1)));
    }

    @Test
    void evictsTheLeastRecentlyUsedPastTheBound() throws IOException {
        // Ten entries of one 4 KiB block each fit; the eleventh forces eviction down to 90 %.
        DiskSummaryCache cache = new DiskSummaryCache(dir, 10 * 4096);
        for (int i = 0; i < 10; i++) {
            cache.put(REGISTRY, image(i));
            Files.setLastModifiedTime(cache.file(REGISTRY, digest(i)), FileTime.from(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i)));
        }
        assertEquals(10 * 4096, cache.usedBytes());
        cache.get(REGISTRY, digest(0)); // used now: becomes the most recent

        cache.put(REGISTRY, image(10));

        assertTrue(cache.get(REGISTRY, digest(0)).isPresent(), "recently used survives");
        assertTrue(cache.get(REGISTRY, digest(10)).isPresent(), "the new entry survives");
        assertFalse(cache.get(REGISTRY, digest(1)).isPresent(), "least recently used goes first");
        assertFalse(cache.get(REGISTRY, digest(2)).isPresent(), "down to the low-water mark");
        assertTrue(cache.get(REGISTRY, digest(3)).isPresent());
        assertTrue(cache.usedBytes() <= 9 * 4096, "used " + cache.usedBytes());
    }

    @Test
    void measuresWhatAnEarlierSessionLeft() {
        DiskSummaryCache first = new DiskSummaryCache(dir);
        for (int i = 0; i < 5; i++) first.put(REGISTRY, image(i));
        assertEquals(5 * 4096, new DiskSummaryCache(dir).usedBytes());
    }

    @Test
    void clearRemovesEverything() {
        DiskSummaryCache cache = new DiskSummaryCache(dir);
        for (int i = 0; i < 5; i++) cache.put(REGISTRY, image(i));
        cache.clear();
        assertEquals(0, cache.usedBytes());
        assertEquals(Optional.empty(), cache.get(REGISTRY, digest(1)));
    }

    @Test
    void concurrentWritersAndReadersNeverSeeHalfAnEntry() throws Exception {
        DiskSummaryCache cache = new DiskSummaryCache(dir);
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                work.add(threads.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < 10; i++) {
                            cache.put(REGISTRY, image(i));
                            Optional<ImageSummary> read = cache.get(REGISTRY, digest(i));
                            // Present and whole (a reader may miss an entry another thread just discarded, never garble it).
                            read.ifPresent(s -> assertEquals(image((int) s.size() - 1000), s));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) f.get();
        }
        for (int i = 0; i < 10; i++) assertEquals(Optional.of(image(i)), cache.get(REGISTRY, digest(i)));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:5000", "registry.example.com", "[::1]:5000", "..", ".", "a*b", "Host.Example:443"})
    void registryDirectoriesAreSafeNames(String registry) {
        String name = DiskSummaryCache.registryDirectory(registry);
        assertFalse(name.contains("/") || name.contains(":") || name.contains("\\") || name.contains("*"), name);
        assertNotEquals(".", name);
        assertNotEquals("..", name);
        assertFalse(name.startsWith("."), name);
        Path resolved = dir.resolve(name).normalize();
        assertEquals(dir, resolved.getParent(), "stays inside the cache: " + name);
    }

    @Test
    void hostCaseDoesNotSplitTheCache() {
        DiskSummaryCache cache = new DiskSummaryCache(dir);
        cache.put("Registry.Example.com", image(1));
        assertEquals(Optional.of(image(1)), cache.get("registry.example.com", digest(1)));
    }
}
