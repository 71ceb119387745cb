package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.CatalogLoader;
import dev.berth.browse.RecentPush;
import dev.berth.browse.RegistryFigures;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.SummaryCache;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.Selection;
import dev.berth.ui.browser.RegistryOverviewModel;
import dev.berth.ui.common.SyncUiExecutor;
import dev.berth.jobs.Job;
import dev.berth.jobs.JobDescription;
import dev.berth.jobs.JobHistory;
import dev.berth.jobs.JobKind;
import dev.berth.jobs.JobOutcome;
import dev.berth.jobs.JobService;
import dev.berth.jobs.JobState;
import dev.berth.jobs.ReadJobs;
import dev.berth.ui.browser.ScanRunner;
import dev.berth.ui.common.BackgroundWork;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UiTask;
import dev.berth.ui.jobs.JobsViewModel;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview's figures against a real registry: a bounded first scan, the rest on request, recent pushes that open their tag. */
class RegistryOverviewModelTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static TestImages.Image alpha;
    private static TestImages.Image beta;
    private static TestImages.Image gamma;

    private final SyncUiExecutor executor = new SyncUiExecutor();

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        TestImages.Content shared = TestImages.layer(100, 4000);
        alpha = seeder.pushImage("alpha/app", "1.0", TestImages.image().seed(1)
                .layers(List.of(shared, TestImages.layer(1, 300))).created(Instant.parse("2025-01-01T00:00:00Z")).build());
        beta = seeder.pushImage("beta/app", "2.0", TestImages.image().seed(2)
                .layers(List.of(shared, TestImages.layer(2, 500))).created(Instant.parse("2025-03-01T00:00:00Z")).build());
        seeder.pushImage("beta/app", "alpha-copy", alpha);
        gamma = seeder.pushImage("gamma/app", "0.1", TestImages.image().seed(3).layerSizes(700)
                .created(Instant.parse("2024-06-01T00:00:00Z")).build());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void theFirstRepositoriesAreReadAtOnceTheRestOnlyWhenAsked() throws Exception {
        RegistryOverviewModel overview = new RegistryOverviewModel(executor, new RepositoryScanner(SummaryCache.inMemory()), 2);
        BrowserViewModel browser = browser(overview);
        RegistryNode node = connect(browser);
        List<RegistryFigures> seen = new ArrayList<>();
        overview.figuresProperty().addListener((obs, old, now) -> seen.add(now));

        overview.show(node);
        RegistryFigures first = overview.figuresProperty().get();
        assertEquals(3, first.repositories());
        assertEquals(4, first.tags(), "tag counts come from the catalog load");
        assertTrue(first.tagsComplete());
        assertEquals(2, first.repositoriesScanned(), "bounded: two of three repositories read");
        assertFalse(first.scanComplete());
        assertEquals(2, first.images(), "alpha's image is tagged in two repositories but is one image");
        assertEquals(alpha.totalSize() + beta.totalSize() - 4000, first.sizeAsPulled(), "the shared layer counted once");
        assertEquals(List.of("beta/app:2.0", "alpha/app:1.0", "beta/app:alpha-copy"),
                first.recentPushes().stream().map(p -> p.repository() + ":" + p.tag()).toList());
        assertFalse(overview.scanningProperty().get());

        overview.scanRest();
        RegistryFigures all = overview.figuresProperty().get();
        assertTrue(all.scanComplete());
        assertEquals(3, all.images());
        assertEquals(alpha.totalSize() + beta.totalSize() - 4000 + gamma.totalSize(), all.sizeAsPulled());
        assertTrue(seen.size() >= 2, "the figures grew as repositories were read: " + seen);

        RecentPush newest = all.recentPushes().getFirst();
        assertEquals(Selection.of(node.repository("beta/app").orElseThrow(), "2.0"),
                overview.selectionFor(newest).orElseThrow());
    }

    @Test
    void refreshingTheConnectionStartsTheFiguresAgain() throws Exception {
        RegistryOverviewModel overview = new RegistryOverviewModel(executor, new RepositoryScanner(SummaryCache.inMemory()), 1);
        BrowserViewModel browser = browser(overview);
        RegistryNode node = connect(browser);
        overview.show(node);
        overview.scanRest();
        assertEquals(3, overview.figuresProperty().get().repositoriesScanned());

        browser.refresh(node);
        RegistryFigures again = overview.figuresProperty().get();
        assertEquals(1, again.repositoriesScanned(), "a refresh reads the first repositories again, bounded as before");
        assertEquals(3, again.repositories());
    }


    @Test
    void readingTheRestIsAJobOfTheJobsPanelThatCancelsBothWaysAndLeavesThePanelShut() throws Exception {
        QueuedUiThread ui = new QueuedUiThread();
        try (JobService service = new JobService(1, JobHistory.inMemory(), Clock.systemUTC())) {
            JobsViewModel panel = new JobsViewModel(ui, service, notice -> { });
            // One job at a time, and one ahead of the reads: each read waits in the queue until released.
            CountDownLatch release = new CountDownLatch(1);
            service.submit(new JobDescription(JobKind.CLEANUP, "Clean up ahead", "a", ""), (cancel, progress) -> {
                release.await(30, TimeUnit.SECONDS);
                return new JobOutcome(Optional.empty(), 0, "");
            });
            RegistryOverviewModel overview = new RegistryOverviewModel(ui, new RepositoryScanner(SummaryCache.inMemory()), 1,
                    ScanRunner.asJobs(ui, new ReadJobs(service)));
            RegistryNode node = connect(browser(ui, overview));
            overview.show(node);
            waitUntil(ui, () -> overview.figuresProperty().get().repositoriesScanned() == 1);
            assertEquals(1, service.jobs().size(), "the first read is no job");

            overview.scanRest();
            assertTrue(overview.scanningProperty().get());
            Job read = readJob(service);
            assertEquals("Read the repositories of " + registry.hostPort(), read.snapshot().what().title());
            waitUntil(ui, () -> panel.rows().stream().anyMatch(row -> row.kind() == JobKind.READ));
            assertFalse(panel.expandedProperty().get(), "the overview shows its own progress: the panel stays shut");

            panel.cancel(panel.rows().stream().filter(row -> row.kind() == JobKind.READ).findFirst().orElseThrow());
            waitUntil(ui, () -> !overview.scanningProperty().get());
            assertEquals(JobState.CANCELLED, read.state());
            assertEquals("", overview.scanProblemProperty().get(), "a cancel is no problem");

            overview.scanRest();
            Job stopped = readJob(service);
            overview.cancelScan(); // Stop reading
            assertFalse(overview.scanningProperty().get());
            waitUntil(ui, () -> stopped.state() == JobState.CANCELLED);

            overview.scanRest();
            Job whole = readJob(service);
            release.countDown();
            waitUntil(ui, () -> !overview.scanningProperty().get());
            assertEquals(JobState.DONE, whole.state());
            assertTrue(overview.figuresProperty().get().scanComplete());
            assertEquals("2 of 2 repositories", whole.snapshot().progress().amountWords());
            assertFalse(panel.expandedProperty().get());
        }
    }

    /** The newest read job, once the service has it. */
    private static Job readJob(JobService service) {
        return service.jobs().stream().filter(job -> job.snapshot().what().kind() == JobKind.READ).reduce((a, b) -> b).orElseThrow();
    }

    /** Runs the queued UI-thread work until {@code condition} holds: the jobs report from their own threads. */
    private static void waitUntil(QueuedUiThread ui, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            ui.runPending();
            if (condition.getAsBoolean()) return;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            Thread.sleep(10);
        }
    }

    /** Runs background work at once on the calling thread, and queues its results and all UI-thread work, in order, as the FX thread would. */
    private static final class QueuedUiThread implements UiExecutor {
        private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

        @Override
        public <T> UiTask submit(String description, BackgroundWork<T> work, Consumer<? super T> onSuccess,
                Consumer<? super Throwable> onFailure) {
            CancelSignal signal = new CancelSignal();
            try {
                T result = work.run(signal, Progress.none());
                onUiThread(() -> {
                    if (!signal.isCancelled()) onSuccess.accept(result);
                });
            } catch (CancellationException e) {
                // stopped: not an error
            } catch (Exception e) {
                onUiThread(() -> {
                    if (!signal.isCancelled()) onFailure.accept(e);
                });
            }
            return new UiTask(description, signal);
        }

        @Override
        public void onUiThread(Runnable action) {
            queue.add(action);
        }

        void runPending() {
            for (Runnable next = queue.poll(); next != null; next = queue.poll()) next.run();
        }
    }

    private BrowserViewModel browser(RegistryOverviewModel overview) {
        return browser(executor, overview);
    }

    private static BrowserViewModel browser(UiExecutor executor, RegistryOverviewModel overview) {
        return new BrowserViewModel(executor, m -> { }, CatalogLoader.Options.defaults(), BrowserViewModel.ConnectionMemory.NONE, overview);
    }

    private static RegistryNode connect(BrowserViewModel browser) throws Exception {
        return browser.addRegistry("r", "local", registry.hostPort(),
                new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false)));
    }
}
