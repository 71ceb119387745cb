package dev.berth.ui;

import dev.berth.ui.browser.Selection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.berth.ui.MainWindowFlowTest.onFx;

import dev.berth.browse.SummaryCache;
import dev.berth.cleanup.Journal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.testing.HugeRegistry;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.ui.app.AppServices;
import dev.berth.ui.app.MainView;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.LoadState;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.scene.Scene;
import javafx.stage.Stage;
import okhttp3.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The load figure of issue 8: a catalog of 100,000 repositories and a repository of 20,000 tags
 * browsed while a cleanup apply runs on a real registry; no callback of ours may hold the FX thread
 * longer than the watchdog allows. The big registry is computed (HugeRegistry), the cleanup is real;
 * the apply's deletes are released one at a time until the browsing is done, so the two overlap on
 * every run however fast the machine is.
 */
@ExtendWith(ApplicationExtension.class)
class BrowseDuringApplyLoadTest {

    static final int REPOSITORIES = 100_000;
    static final int TAGS = 20_000;
    static final String BIG = "big/builds";

    @TempDir
    Path work;

    private final FxWatchdog watchdog = new FxWatchdog();
    // The longest run of each kind of callback, printed so a figure near the limit shows before it fails.
    private final java.util.Map<String, Duration> longest = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private MainViewModel main;
    private Scene scene;
    private FxUiExecutor executor;
    private RegistryServer registry;
    private HugeRegistry huge;

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, (what, took) -> {
            watchdog.ran(what, took);
            longest.merge(what, took, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        });
        AppServices services = new AppServices(executor, activity, dialogs, TestConnections.inMemory(work.resolve("config")),
                SummaryCache.inMemory(), new Journal(work.resolve("journal")));
        main = services.main();
        MainWindowFlowTest.Application.theme(MainViewModel.Theme.LIGHT);
        scene = new Scene(new MainView(main, activity, services.notifications()), 1280, 800);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        trickle.shutdownNow();
        executor.close();
        if (huge != null) huge.close();
        if (registry != null) registry.close();
    }

    @Test
    void aHundredThousandRepositoriesAndTwentyThousandTagsBrowseWhileACleanupRunsWithoutStallingTheFxThread() throws Exception {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestImages.Content base = TestImages.layer(77, 2_000);
        for (int i = 1; i <= 12; i++) {
            seeder.pushImage("team/app", "1." + i, TestImages.image().seed(i).layers(List.of(base, TestImages.layer(i, 300 + i)))
                    .created(now.minus(100 - i, ChronoUnit.DAYS)).build());
        }
        huge = HugeRegistry.start(REPOSITORIES, BIG, TAGS,
                IntStream.range(0, 100).mapToObj(i -> TestImages.image().seed(1000 + i).layerSizes(64).build()).toList())
                .withTagListLatency(Duration.ofMillis(50));

        // The cleanup: its deletes go one a second while the browsing goes on.
        Semaphore deletes = new Semaphore(0);
        CountDownLatch browsed = new CountDownLatch(1);
        // The last two wait for the browsing to end, so the apply is still running then.
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        trickle.scheduleAtFixedRate(() -> {
            if (browsed.getCount() == 0) deletes.release(1_000);
            else if (released.incrementAndGet() <= 8) deletes.release();
        }, 1, 1, TimeUnit.SECONDS);
        RegistryNode local = onFx(() -> main.addConnected("local", registry.hostPort(), client(registry.hostPort(), chain -> {
            if (chain.request().method().equals("DELETE")) deletes.acquireUninterruptibly();
            return chain.proceed(chain.request());
        })));
        waitUntil(() -> local.stateProperty().get() == LoadState.LOADED && local.repository("team/app").isPresent());
        RepositoryNode app = local.repository("team/app").orElseThrow();
        onFx(() -> {
            main.browser().select(Selection.of(app));
            return null;
        });
        waitUntil(() -> main.repository().snapshotProperty().get() != null);
        onFx(() -> {
            main.openCleanup();
            main.cleanup().form().useKeepLastProperty().set(true);
            main.cleanup().form().keepLastProperty().set(2);
            main.cleanup().form().protectProperty().set("");
            main.cleanup().preview();
            return null;
        });
        waitUntil(() -> main.cleanup().planProperty().get() != null && !main.cleanup().busyProperty().get());
        assertEquals(10, main.cleanup().planProperty().get().deletions().size());
        dialogs.answerConfirm(true);
        onFx(() -> {
            main.cleanup().apply();
            return null;
        });
        waitUntil(() -> main.cleanup().busyProperty().get());
        // The first delete is done before the browsing starts (the trickle lets it through after a second), and the
        // last two wait for the browsing to end: the two overlap on every run, whichever one a busy machine slows down.
        waitUntil(() -> main.cleanup().progressProperty().get() > 0);

        // The browsing: the whole catalog, then the big repository with every tag and its metadata.
        long started = System.nanoTime();
        RegistryNode big = onFx(() -> main.addConnected("big", huge.hostPort(), client(huge.hostPort(), null)));
        waitUntil(() -> big.repositories().size() == REPOSITORIES);
        Duration listing = Duration.ofNanos(System.nanoTime() - started);
        int deletedWhileListing = onFx(() -> (int) Math.round(main.cleanup().progressProperty().get() * 10));
        onFx(() -> {
            main.browser().select(Selection.of(big.repository(BIG).orElseThrow()));
            return null;
        });
        waitUntil(() -> main.repository().snapshotProperty().get() != null && main.repository().rows().size() == TAGS);
        Duration browsing = Duration.ofNanos(System.nanoTime() - started);
        Screenshots.take(scene, "16-browse-100k-during-cleanup");
        double applied = onFx(() -> main.cleanup().progressProperty().get());
        boolean applying = onFx(() -> main.cleanup().busyProperty().get());
        browsed.countDown();
        System.out.printf("browse during apply: %d repositories listed in %d ms (%d deletes done by then), %d tags with metadata in "
                + "%d ms, %.0f%% of the apply done then, %d requests to the big registry%n", REPOSITORIES, listing.toMillis(),
                deletedWhileListing, TAGS, browsing.toMillis(), applied * 100, huge.requests());
        assertTrue(applying && applied > 0, "the cleanup ran while browsing: " + applied);

        waitUntil(() -> main.cleanup().resultProperty().get() != null && !main.cleanup().busyProperty().get());
        assertEquals(10, main.cleanup().resultProperty().get().deleted(), main.cleanup().resultTextProperty().get());
        System.out.printf("browse during apply: %d FX callbacks, the longest %d ms of FX thread time; by kind: %s%n",
                watchdog.callbacks(), watchdog.longest().toMillis(), longest.entrySet().stream()
                        .sorted(java.util.Map.Entry.<String, Duration>comparingByValue().reversed()).limit(6)
                        .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").toList());
        watchdog.assertWithinBudget(); // the figure of docs/guarantees.md: load-sensitive by nature (see FxWatchdog)
    }

    private static RegistryClient client(String hostPort, Interceptor interceptor) throws RegistryException {
        RegistryClients clients = new RegistryClients();
        okhttp3.OkHttpClient.Builder builder = clients.sharedHttpClient().newBuilder();
        if (interceptor != null) builder.addInterceptor(interceptor);
        // The held DELETEs wait inside their calls, and a call's deadline covers the whole exchange: give it room.
        return clients.connect(ConnectionSettings.of(hostPort).withPlainHttp(true, false).withTimeout(Duration.ofMinutes(5)), builder);
    }

    /** Waits up to three minutes: loading the 20,000 tags took 50 s at a load of 15 (a quiet machine: 20 s). */
    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(onFx(condition)));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met; see " + Screenshots.take(scene, "load-timeout-" + System.nanoTime()), e);
        }
    }
}
