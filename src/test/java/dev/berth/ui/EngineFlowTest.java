package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.Engine;
import dev.berth.engine.EngineLocator;
import dev.berth.jobs.JobHistory;
import dev.berth.jobs.JobService;
import dev.berth.jobs.JobState;
import dev.berth.jobs.PlaceKind;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.store.RegistryStore;
import dev.berth.testing.PodmanService;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.RunnableImage;
import dev.berth.ui.app.AppServices;
import dev.berth.ui.app.MainView;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.LoadState;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.TagRow;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.ui.jobs.JobRow;
import dev.berth.ui.jobs.JobsView;
import dev.berth.ui.jobs.TransferDialogs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The local engine in the real window, against a real podman API service and a real registry: a
 * tag pulled into the engine with no question asked, then that local image pushed to the registry
 * under a new tag, both watched in the jobs panel. Each step writes a screenshot.
 */
@ExtendWith(ApplicationExtension.class)
class EngineFlowTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static PodmanService podman;
    private static RunnableImage image;

    private final FxWatchdog watchdog = new FxWatchdog();
    private final ScriptedTransferDialogs transfers = new ScriptedTransferDialogs();
    private MainViewModel main;
    private Scene scene;
    private FxUiExecutor executor;
    private JobService jobService;
    private AppServices services;

    @BeforeAll
    static void startEngineAndRegistry() {
        registry = RegistryServer.builder(work.resolve("registry")).start();
        podman = PodmanService.start(work.resolve("podman"));
        image = RunnableImage.of("pulled and pushed from the app");
        image.pushTo(RegistrySeeder.of(registry), "team/app", "1.0");
    }

    @AfterAll
    static void stop() {
        if (podman != null) podman.close();
        if (registry != null) registry.close();
    }

    private static EngineLocator engines() {
        return new EngineLocator(Map.of("DOCKER_HOST", podman.dockerHost()));
    }

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        jobService = new JobService(JobService.DEFAULT_RUNNING, JobHistory.inMemory(), Clock.systemUTC());
        services = new AppServices(executor, activity, new ScriptedDialogs(), TestConnections.inMemory(work.resolve("config-" + System.nanoTime())),
                dev.berth.browse.SummaryCache.inMemory(), new dev.berth.cleanup.Journal(work.resolve("journal-" + System.nanoTime())),
                jobService, transfers, notice -> {}, engines(), work.resolve("scratch"));
        main = services.main();
        MainView view = new MainView(main, activity, services.notifications());
        view.dockJobs(new JobsView(services.jobs()), services.transfers());
        scene = new Scene(view, 1280, 800);
        MainWindowFlowTest.Application.theme(MainViewModel.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        jobService.close();
        executor.close();
    }

    @Test
    void pullATagIntoTheEngineThenPushThatLocalImageUnderANewTag(FxRobot robot) throws Exception {
        RegistryNode node = connect();
        openRepository(node, "team/app");
        selectTag("1.0");
        String local = registry.hostPort() + "/team/app:1.0";

        fire("#tag-transfer", "tag-pull-to-engine");

        waitUntil(() -> services.jobs().rows().size() == 1 && services.jobs().rows().getFirst().stateProperty().get() == JobState.DONE);
        Screenshots.take(scene, "engine-01-pulled-into-the-engine");
        JobRow pulled = onFx(() -> services.jobs().rows().getFirst());
        assertEquals("Pull " + local, onFx(() -> pulled.titleProperty().get()));
        assertTrue(transfers.asked.isEmpty(), "a pull to the engine asks nothing: " + transfers.asked);
        try (Engine engine = engines().connect()) {
            assertEquals(image.imageId(), engine.image(local).orElseThrow(() -> new AssertionError(local + " not in the engine")).id());
        }

        transfers.answerPush(form -> {
            assertTrue(form.localImages().contains(local), "the push dialog lists the pulled image: " + form.localImages());
            return TransferDialogs.PushChoice.engineImage(local, new TransferDialogs.Destination(node.id(), "from/engine", "2.0"));
        });
        robot.clickOn("#toolbar-push");

        waitUntil(() -> services.jobs().rows().size() == 2 && services.jobs().rows().stream().allMatch(r -> r.stateProperty().get() == JobState.DONE));
        Screenshots.take(scene, "engine-02-pushed-from-the-engine");
        assertTrue(transfers.asked.getFirst().startsWith("push: " + PlaceKind.local()), "the engine is offered: " + transfers.asked);
        JobRow pushed = onFx(() -> services.jobs().rows().stream().filter(r -> r != pulled).findFirst().orElseThrow());
        assertEquals("Push engine:" + local, onFx(() -> pushed.titleProperty().get()));
        RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
        assertTrue(onFx(() -> pushed.detailProperty().get()).contains(new RegistryStore(client, "from/engine").resolve("2.0").digest().toString()),
                "the done row names the digest the registry holds");
        watchdog.assertNoStall();
    }

    private RegistryNode connect() throws Exception {
        RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
        RegistryNode node = onFx(() -> main.addConnected("local", registry.hostPort(), client));
        waitUntil(() -> node.stateProperty().get() == LoadState.LOADED);
        return node;
    }

    private void openRepository(RegistryNode node, String name) throws Exception {
        Object[] holder = new Object[1];
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> (holder[0] = onFx(() -> node.repository(name).orElse(null))) != null);
        RepositoryNode repository = (RepositoryNode) holder[0];
        MainWindowFlowTest.runFx(() -> main.browser().selectionProperty().set(repository));
        waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.REPOSITORY && !main.repository().rows().isEmpty()
                && !main.repository().loadingProperty().get());
    }

    private void selectTag(String tag) {
        MainWindowFlowTest.runFx(() -> {
            @SuppressWarnings("unchecked") TableView<TagRow> table = (TableView<TagRow>) scene.lookup("#tag-table");
            table.getItems().stream().filter(r -> r.tag().equals(tag)).findFirst().ifPresent(r -> table.getSelectionModel().select(r));
        });
    }

    private void fire(String menuButton, String itemId) {
        MainWindowFlowTest.runFx(() -> {
            MenuButton button = (MenuButton) scene.lookup(menuButton);
            find(button.getItems(), itemId).orElseThrow(() -> new AssertionError("no menu item " + itemId)).fire();
        });
    }

    private static java.util.Optional<MenuItem> find(List<MenuItem> items, String id) {
        for (MenuItem item : items) {
            if (id.equals(item.getId())) return java.util.Optional.of(item);
            if (item instanceof Menu menu) {
                var inside = find(menu.getItems(), id);
                if (inside.isPresent()) return inside;
            }
        }
        return java.util.Optional.empty();
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(onFx(condition)));
        } catch (java.util.concurrent.TimeoutException e) {
            Path shot = Screenshots.take(scene, "timeout-engine-" + System.nanoTime());
            throw new AssertionError("condition not met within 60 s; see " + shot + "; jobs: " + onFx(() -> services.jobs().rows().stream()
                    .map(r -> r.titleProperty().get() + " " + r.stateProperty().get() + " " + r.detailProperty().get()).toList()), e);
        }
    }

    private static <T> T onFx(Callable<T> value) throws Exception {
        return WaitForAsyncUtils.asyncFx(value).get(5, TimeUnit.SECONDS);
    }
}
