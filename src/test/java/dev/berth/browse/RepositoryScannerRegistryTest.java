package dev.berth.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.domain.Digest;
import dev.berth.domain.Platform;
import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import dev.berth.work.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The concurrent scanner against a real Distribution registry: what it loads, how often it asks, and how it stops. */
class RepositoryScannerRegistryTest {

    private static final String APP = "team/app";
    private static final String BIG = "team/big";
    private static final String BROKEN = "team/broken";
    private static final int BIG_TAGS = 120;

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static Image v1;
    private static Image v11;
    private static Index multiArch;
    private static Index dockerList;
    private static Image signature;

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        v1 = seeder.pushImage(APP, "1.0.0", TestImages.ociImage(1, 2048, 512));
        v11 = seeder.pushImage(APP, "1.1.0", TestImages.image().docker().seed(2).layerSizes(1024).build());
        seeder.pushImage(APP, "latest", v11); // three tags on one digest
        seeder.pushImage(APP, "stable", v11);
        multiArch = seeder.pushIndex(APP, "2.0.0", TestImages.multiArch(3, 700, 300));
        seeder.putManifest(APP, "edge", multiArch.manifest());
        dockerList = seeder.pushIndex(APP, "1.2.0", TestImages.dockerManifestList(List.of(
                TestImages.image().docker().seed(5).platform(TestImages.Platform.LINUX_AMD64).build(),
                TestImages.image().docker().seed(6).platform(TestImages.Platform.LINUX_ARM_V7).build())));
        signature = TestImages.artifact(v1.manifest(), "application/vnd.dev.cosign.artifact.sig.v1+json",
                "application/vnd.dev.cosign.simplesigning.v1+json", 300, 7);
        seeder.pushImage(APP, TestImages.referrersTag(v1.digest()) + ".sig", signature);

        for (int i = 0; i < BIG_TAGS; i++) seeder.pushImage(BIG, "1.0." + i, TestImages.ociImage(1000 + i, 256));

        // T7: an index whose arm64 child was deleted on its own.
        Index broken = seeder.pushIndex(BROKEN, "1.0", TestImages.multiArch(20, 400));
        seeder.pushImage(BROKEN, "solo", TestImages.ociImage(30, 300));
        assertEquals(202, seeder.deleteManifest(BROKEN, broken.children().get(1).digest()));
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    private static RegistryClient connect(Wire wire) throws RegistryException {
        return new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false),
                new OkHttpClient.Builder().addNetworkInterceptor(wire));
    }

    private static Digest d(String digest) {
        return Digest.parse(digest);
    }

    @Test
    void agreesWithTheSequentialScanner() throws Exception {
        for (String repository : List.of(APP, BIG, BROKEN)) {
            RepositorySnapshot sequential = new SequentialScanner(SummaryCache.none()).scan(connect(new Wire()), repository,
                    Progress.none());
            RepositorySnapshot concurrent = new RepositoryScanner(SummaryCache.none()).scan(connect(new Wire()), repository,
                    Progress.none());
            assertEquals(sequential, concurrent, repository);
        }
    }

    @Test
    void loadsEveryDistinctDigestOnceAndEveryTagWithOneHead() throws Exception {
        Wire wire = new Wire();
        RepositorySnapshot snapshot = new RepositoryScanner(SummaryCache.none()).scan(connect(wire), APP, Progress.none());

        List<String> tags = snapshot.tags().stream().map(TagInfo::tag).toList();
        assertEquals(8, tags.size(), tags.toString());
        assertEquals(List.of("1.1.0", "latest", "stable"), snapshot.tagsByDigest().get(d(v11.digest())));
        assertEquals(List.of("latest", "stable"), snapshot.alsoTaggedAs(snapshot.tags().get(tags.indexOf("1.1.0"))));

        // tags/list once, a HEAD per tag, a GET per distinct manifest (index children included), a config per image.
        Set<Digest> manifests = snapshot.images().keySet();
        long images = snapshot.images().values().stream().filter(s -> !s.isIndex() && !s.isArtifact()).count();
        assertEquals(1, wire.count("GET", "/tags/list"));
        assertEquals(8, wire.count("HEAD", "/manifests/"));
        assertEquals(manifests.size(), wire.count("GET", "/manifests/"));
        assertEquals(manifests.size(), new HashSet<>(wire.all().stream().filter(r -> r.is("GET", "/manifests/"))
                .map(Wire.Request::path).toList()).size(), "no manifest fetched twice");
        assertEquals(images, wire.count("GET", "/blobs/"));
        assertEquals(wire.all().size(), 1 + 8 + manifests.size() + images, wire.all().toString());
    }

    @Test
    void multiArchIndexHoldsItsChildrenAndCountsNoAttestationAsAPlatform() throws Exception {
        RepositorySnapshot snapshot = new RepositoryScanner(SummaryCache.none()).scan(connect(new Wire()), APP, Progress.none());

        ImageSummary index = snapshot.image(d(multiArch.digest())).orElseThrow();
        assertTrue(index.isIndex());
        assertEquals(List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm64", "v8")), index.platforms());
        assertEquals(4, index.children().size());
        for (Image child : multiArch.children()) {
            assertTrue(snapshot.image(d(child.digest())).isPresent(), "child " + child.digest() + " in the snapshot");
        }
        long distinctBlobs = TestImages.distinctBlobDigests(multiArch.children()).size();
        assertEquals(distinctBlobs, index.blobs().size());

        ImageSummary list = snapshot.image(d(dockerList.digest())).orElseThrow();
        assertEquals(List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm", "v7")), list.platforms());

        ImageSummary sig = snapshot.image(d(signature.digest())).orElseThrow();
        assertTrue(sig.isArtifact());
        assertEquals(d(v1.digest()), sig.subject().orElseThrow());
    }

    @Test
    void warmScanOnlyListsAndHeadsTags(@TempDir Path cacheDir) throws Exception {
        Wire cold = new Wire();
        RepositorySnapshot first = new RepositoryScanner(new DiskSummaryCache(cacheDir)).scan(connect(cold), APP, Progress.none());
        assertTrue(cold.count("GET", "/manifests/") > 0);

        // A new cache instance and connection, as after a restart of the app.
        Wire warm = new Wire();
        RepositorySnapshot second = new RepositoryScanner(new DiskSummaryCache(cacheDir)).scan(connect(warm), APP, Progress.none());

        assertEquals(first, second, "a cached index brings its children from the cache too");
        assertEquals(1, warm.count("GET", "/tags/list"));
        assertEquals(first.tags().size(), warm.count("HEAD", "/manifests/"));
        assertEquals(0, warm.count("GET", "/manifests/"), "no manifest GETs when warm");
        assertEquals(0, warm.count("GET", "/blobs/"), "no config GETs when warm");
        assertEquals(1 + first.tags().size(), warm.all().size(), warm.all().toString());
    }

    @Test
    void keepsRequestsInFlightWithinTheBound() throws Exception {
        Wire wire = new Wire().delay(15);
        RepositorySnapshot snapshot = new RepositoryScanner(SummaryCache.none(), 3, Duration.ofMillis(50))
                .scan(connect(wire), BIG, Progress.none());
        assertEquals(BIG_TAGS, snapshot.tags().size());
        assertTrue(wire.maxInFlight() <= 3, "in flight: " + wire.maxInFlight());
        assertEquals(3, wire.maxInFlight(), "and it does use the concurrency it has");

        // Images complete one after the other (config before the next manifest), not all at the very end.
        List<Wire.Request> order = wire.all();
        int firstConfig = -1;
        int lastManifest = -1;
        for (int i = 0; i < order.size(); i++) {
            if (firstConfig < 0 && order.get(i).is("GET", "/blobs/")) firstConfig = i;
            if (order.get(i).is("GET", "/manifests/")) lastManifest = i;
        }
        assertTrue(firstConfig >= 0 && firstConfig < lastManifest - BIG_TAGS / 2, firstConfig + " vs " + lastManifest);
    }

    @Test
    void reportsInBatchesOnTheCallingThreadOnly() throws Exception {
        List<ScanBatch> batches = new CopyOnWriteArrayList<>();
        Set<Thread> callers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        AtomicInteger listed = new AtomicInteger(-1);
        Progress<ScanEvent> listener = event -> {
            switch (event) {
                case ScanEvent.TagsListed tagsListed -> {
                    listed.set(tagsListed.count());
                    callers.add(Thread.currentThread());
                }
                case ScanBatch batch -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    callers.add(Thread.currentThread());
                    batches.add(batch);
                    concurrent.decrementAndGet();
                }
                case ScanEvent.TagSkipped skipped -> fail("no tag of " + BIG + " is invalid: " + skipped);
            }
        };
        long started = System.nanoTime();
        RepositorySnapshot snapshot = new RepositoryScanner(SummaryCache.none()).scan(connect(new Wire().delay(2)), BIG, listener);
        long took = System.nanoTime() - started;

        assertEquals(Set.of(Thread.currentThread()), callers);
        assertEquals(1, maxConcurrent.get());
        assertEquals(BIG_TAGS, listed.get());
        int items = batches.stream().mapToInt(b -> b.tags().size() + b.images().size()).sum();
        assertEquals(2 * BIG_TAGS, items, "every tag and image reported once");
        // At most one batch per interval, plus the first at once and the rest at the end: a bound that holds
        // however long a busy machine makes the scan take (a count of items per batch would not).
        long bound = 2 + took / RepositoryScanner.DEFAULT_BATCH_INTERVAL.toNanos();
        assertTrue(batches.size() <= bound, batches.size() + " batches for " + items + " items in " + took / 1_000_000 + " ms");
        ScanProgress last = batches.getLast().progress();
        assertEquals(new ScanProgress(BIG_TAGS, BIG_TAGS, BIG_TAGS, BIG_TAGS, 0), last);
        assertEquals(1.0, last.fraction());
        assertEquals(snapshot.tags(), batches.stream().flatMap(b -> b.tags().stream())
                .sorted(java.util.Comparator.comparing(TagInfo::tag, java.util.Comparator.naturalOrder())).toList());
    }

    @Test
    void theBatchesCarryEveryTagAndImageOnce() throws Exception {
        List<TagInfo> tags = new ArrayList<>();
        List<ImageSummary> images = new ArrayList<>();
        RepositorySnapshot snapshot = new RepositoryScanner(SummaryCache.none()).scan(connect(new Wire()), APP, event -> {
            if (event instanceof ScanBatch batch) {
                tags.addAll(batch.tags());
                images.addAll(batch.images());
            }
        });
        assertEquals(snapshot.tags().size(), tags.size());
        assertEquals(Set.copyOf(snapshot.tags()), Set.copyOf(tags));
        assertEquals(Set.copyOf(snapshot.images().values()), Set.copyOf(images));
        assertEquals(snapshot.images().size(), images.size());
    }

    @Test
    void aDeletedIndexChildIsReportedAndTheRestLoads() throws Exception {
        List<ScanFailure> failures = new CopyOnWriteArrayList<>();
        RepositorySnapshot snapshot = new RepositoryScanner(SummaryCache.none()).scan(connect(new Wire()), BROKEN, event -> {
            if (event instanceof ScanBatch batch) failures.addAll(batch.failures());
        });
        assertEquals(List.of("1.0", "solo"), snapshot.tags().stream().map(TagInfo::tag).toList());
        assertEquals(1, failures.size(), failures.toString());
        assertInstanceOf(RegistryException.NotFound.class, failures.getFirst().cause());
        Digest index = snapshot.tags().getFirst().digest();
        assertEquals(List.of(Platform.of("linux", "amd64")), snapshot.image(index).orElseThrow().platforms());
    }

    @Test
    void anIndexMissingAChildIsNotCached() throws Exception {
        SummaryCache cache = SummaryCache.inMemory();
        RepositorySnapshot snapshot = new RepositoryScanner(cache).scan(connect(new Wire()), BROKEN, Progress.none());
        Digest index = snapshot.tags().getFirst().digest();
        assertTrue(cache.get(registry.hostPort(), index).isEmpty(), "its sizes are wrong until the child is back");
        assertTrue(cache.get(registry.hostPort(), snapshot.tags().get(1).digest()).isPresent());
    }

    /** Cancelled while tags resolve, or later while manifests and configs load. */
    @ParameterizedTest(name = "cancelled while loading {0}")
    @ValueSource(strings = {"tags", "metadata"})
    void cancellingMidScanStopsQuicklyAndIsNotAnError(String phase) throws Exception {
        Wire wire = new Wire().delay(20);
        CancelSignal cancel = new CancelSignal();
        CountDownLatch started = new CountDownLatch(1);
        List<ScanFailure> failures = new CopyOnWriteArrayList<>();
        AtomicInteger batchesAfterCancel = new AtomicInteger();
        Progress<ScanEvent> listener = event -> {
            if (!(event instanceof ScanBatch batch)) return;
            if (cancel.isCancelled()) batchesAfterCancel.incrementAndGet();
            failures.addAll(batch.failures());
            boolean far = phase.equals("tags") ? batch.progress().tagsDone() >= 10 : batch.progress().imagesDone() >= 10;
            if (far) started.countDown();
        };
        RepositoryScanner scanner = new RepositoryScanner(SummaryCache.none(), 4, Duration.ofMillis(20));
        CompletableFuture<RepositorySnapshot> scan = CompletableFuture.supplyAsync(() -> {
            try {
                return scanner.scan(connect(wire), BIG, listener, cancel);
            } catch (RegistryException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(started.await(20, TimeUnit.SECONDS), "the scan got going");

        cancel.cancel(); // from another thread, as the UI does
        // "Quickly" is counted in requests sent (below), not in milliseconds a busy machine may stretch; the wait is a hang guard.
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> scan.get(30, TimeUnit.SECONDS));

        assertInstanceOf(CancellationException.class, thrown.getCause());
        assertEquals(List.of(), failures, "a cancellation is not a failure");
        assertEquals(0, batchesAfterCancel.get());
        int requests = wire.all().size();
        // Images complete one by one after the HEADs, so ten loaded is a little past the HEADs.
        int before = phase.equals("tags") ? BIG_TAGS : 1 + BIG_TAGS + 60;
        assertTrue(requests < before, "stopped early: " + requests + " requests");
        Thread.sleep(200);
        assertEquals(requests, wire.all().size(), "nothing more is sent after the scan returned");
    }

    @Test
    void aMissingRepositoryIsAnError() {
        assertThrows(RegistryException.NotFound.class,
                () -> new RepositoryScanner(SummaryCache.none()).scan(connect(new Wire()), "team/nothing-here", Progress.none()));
    }

    @Test
    void cacheIsConsultedOncePerDigestEvenWhenManyTagsShareIt() throws Exception {
        Map<Digest, AtomicInteger> gets = new java.util.concurrent.ConcurrentHashMap<>();
        SummaryCache inner = SummaryCache.inMemory();
        SummaryCache counting = new SummaryCache() {
            @Override
            public java.util.Optional<ImageSummary> get(String r, Digest digest) {
                gets.computeIfAbsent(digest, k -> new AtomicInteger()).incrementAndGet();
                return inner.get(r, digest);
            }

            @Override
            public void put(String r, ImageSummary summary) {
                inner.put(r, summary);
            }
        };
        RepositoryScanner scanner = new RepositoryScanner(counting);
        scanner.scan(connect(new Wire()), APP, Progress.none());
        gets.clear();
        RepositorySnapshot warm = scanner.scan(connect(new Wire()), APP, Progress.none());
        assertEquals(warm.images().keySet(), gets.keySet());
        assertFalse(gets.values().stream().anyMatch(n -> n.get() != 1), gets.toString());
    }
}
