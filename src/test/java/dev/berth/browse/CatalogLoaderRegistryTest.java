package dev.berth.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import dev.berth.work.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

/** Filling the repository tree from a real Distribution registry: pages, tag counts, batches, cancellation. */
class CatalogLoaderRegistryTest {

    private static final int REPOSITORIES = 60;
    private static final String EMPTIED = "r/emptied";

    @TempDir
    static Path work;

    private static RegistryServer registry;
    /** Every repository with its tag count, as seeded. */
    private static final Map<String, Integer> EXPECTED = new TreeMap<>();

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        for (int i = 0; i < REPOSITORIES; i++) {
            String repository = "r/%02d".formatted(i);
            Image image = seeder.pushImage(repository, "1.0", TestImages.ociImage(i, 64));
            int tags = i % 4 + 1;
            for (int t = 1; t < tags; t++) seeder.putManifest(repository, "1." + t, image.manifest());
            EXPECTED.put(repository, tags);
        }
        // T8: deleting the last manifest leaves the repository in the catalog with "tags": null.
        Image gone = seeder.pushImage(EMPTIED, "only", TestImages.ociImage(99, 64));
        assertEquals(202, seeder.deleteManifest(EMPTIED, gone.digest()));
        EXPECTED.put(EMPTIED, 0);
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    private static RegistryClient connect(Wire wire) throws RegistryException {
        return new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false),
                new OkHttpClient.Builder().addNetworkInterceptor(wire));
    }

    /** Collects batches and checks, as they come, what a tree relies on. */
    private static final class Recorder implements Progress<CatalogBatch> {
        final List<CatalogBatch> batches = new CopyOnWriteArrayList<>();
        final Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final Set<String> listed = new HashSet<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void report(CatalogBatch batch) {
            threads.add(Thread.currentThread());
            batches.add(batch);
            for (String r : batch.repositories()) if (!listed.add(r)) problems.add("listed twice: " + r);
            for (TagCount c : batch.tagCounts()) if (!listed.contains(c.repository())) problems.add("count before name: " + c);
        }

        CatalogProgress last() {
            return batches.getLast().progress();
        }
    }

    @Test
    void fillsTheTreePageByPageWithTagCounts() throws Exception {
        Wire wire = new Wire();
        Recorder recorder = new Recorder();
        CatalogLoader loader = new CatalogLoader(connect(wire), CatalogLoader.Options.defaults().withPageSize(7));

        CatalogResult result = loader.load(recorder, CancelSignal.none());

        CatalogResult.Listed listed = assertInstanceOf(CatalogResult.Listed.class, result);
        assertEquals(List.copyOf(EXPECTED.keySet()), listed.repositories());
        assertEquals(EXPECTED, new TreeMap<>(listed.tagCounts()));
        assertEquals(Map.of(), listed.failures());
        assertTrue(listed.isComplete());
        assertEquals(0, listed.tagCount(EMPTIED).orElseThrow());

        int pages = (EXPECTED.size() + 6) / 7;
        assertEquals(pages, wire.count("GET", "/_catalog"), "one request per page");
        assertEquals(EXPECTED.size(), wire.count("GET", "/tags/list"), "one tags request per repository");

        assertEquals(List.of(), recorder.problems);
        assertEquals(Set.of(Thread.currentThread()), recorder.threads, "batches come on the loading thread");
        assertEquals(EXPECTED.keySet(), recorder.listed);
        Map<String, Integer> counted = new TreeMap<>();
        recorder.batches.forEach(b -> b.tagCounts().forEach(c -> counted.put(c.repository(), c.count())));
        assertEquals(EXPECTED, counted);
        assertTrue(recorder.batches.stream().flatMap(b -> b.tagCounts().stream()).filter(TagCount::isEmpty)
                .allMatch(c -> c.repository().equals(EMPTIED)));
        int items = 2 * EXPECTED.size();
        assertTrue(recorder.batches.size() < items / 4, recorder.batches.size() + " batches for " + items + " items");
        assertTrue(recorder.last().isDone());
        assertEquals(1.0, recorder.last().fraction());
    }

    @Test
    void countsWithBoundedConcurrencyAlongsideTheCatalog() throws Exception {
        Wire wire = new Wire().delay(15);
        CatalogLoader loader = new CatalogLoader(connect(wire), CatalogLoader.Options.defaults().withConcurrency(3).withPageSize(10));
        CatalogResult.Listed listed = (CatalogResult.Listed) loader.load(Progress.none(), CancelSignal.none());
        assertEquals(EXPECTED.size(), listed.tagCounts().size());
        // Three counting requests, plus the next catalog page fetched meanwhile.
        assertTrue(wire.maxInFlight() <= 4, "in flight: " + wire.maxInFlight());
        assertTrue(wire.maxInFlight() >= 3, "in flight: " + wire.maxInFlight());
    }

    @Test
    void withoutCountingOnlyTheCatalogIsRead() throws Exception {
        Wire wire = new Wire();
        Recorder recorder = new Recorder();
        CatalogResult.Listed listed = (CatalogResult.Listed) new CatalogLoader(connect(wire),
                CatalogLoader.Options.defaults().withCountTags(false)).load(recorder, CancelSignal.none());
        assertEquals(List.copyOf(EXPECTED.keySet()), listed.repositories());
        assertEquals(Map.of(), listed.tagCounts());
        assertEquals(1, wire.all().size(), wire.all().toString());
        assertTrue(recorder.last().isDone());
        assertEquals(1.0, recorder.last().fraction());
    }

    @Test
    void countsRepositoriesKnownByNameAndReportsTheMissingOne() throws Exception {
        Recorder recorder = new Recorder();
        CatalogResult.Listed listed = new CatalogLoader(connect(new Wire()))
                .countTags(List.of("r/03", "r/00", "nobody/here", "r/03"), recorder, CancelSignal.none());
        assertEquals(List.of("nobody/here", "r/00", "r/03"), listed.repositories());
        assertEquals(Map.of("r/00", 1, "r/03", 4), listed.tagCounts());
        assertInstanceOf(RegistryException.NotFound.class, listed.failures().get("nobody/here"));
        assertEquals(List.of(), recorder.problems);
        assertEquals(new CatalogProgress(3, 3, 2, 1, true), recorder.last());
    }

    @Test
    void cancellingStopsQuicklyAndIsNotAnError() throws Exception {
        Wire wire = new Wire().delay(30);
        CancelSignal cancel = new CancelSignal();
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger afterCancel = new AtomicInteger();
        Progress<CatalogBatch> listener = batch -> {
            if (cancel.isCancelled()) afterCancel.incrementAndGet();
            if (!batch.tagCounts().isEmpty()) started.countDown();
        };
        CatalogLoader loader = new CatalogLoader(connect(wire), CatalogLoader.Options.defaults().withConcurrency(2)
                .withPageSize(10).withBatchInterval(Duration.ofMillis(20)));
        CompletableFuture<CatalogResult> load = CompletableFuture.supplyAsync(() -> {
            try {
                return loader.load(listener, cancel);
            } catch (RegistryException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(started.await(20, TimeUnit.SECONDS));

        cancel.cancel();
        // "Quickly" is counted in requests sent (below), not in milliseconds a busy machine may stretch; the wait is a hang guard.
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> load.get(30, TimeUnit.SECONDS));

        assertInstanceOf(CancellationException.class, thrown.getCause());
        assertEquals(0, afterCancel.get(), "no batch after the cancel");
        int requests = wire.all().size();
        assertTrue(requests < EXPECTED.size(), "stopped early: " + requests + " requests");
        Thread.sleep(200);
        assertEquals(requests, wire.all().size(), "nothing more is sent after the load returned");
    }
}
