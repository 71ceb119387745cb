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
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.ui.jobs.JobRow;
import dev.berth.ui.jobs.TransferDialogs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.berth.ui.browser.LocalImagesNode;
import dev.berth.ui.browser.Selection;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

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
    private JobsFlowSteps steps;

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
        steps = JobsFlowSteps.show(stage, executor, activity, work, jobService, transfers, notice -> {}, engines());
        scene = steps.scene();
        main = steps.main();
        services = steps.services();
    }

    @AfterEach
    void close() {
        jobService.close();
        executor.close();
    }

    @Test
    void pullATagIntoTheEngineThenPushThatLocalImageUnderANewTag(FxRobot robot) throws Exception {
        RegistryNode node = steps.connect("local", registry);
        steps.openRepository(node, "team/app");
        steps.selectTag("1.0");
        String local = registry.hostPort() + "/team/app:1.0";

        steps.fire("#tag-transfer", "tag-pull-to-engine");

        steps.waitUntil(() -> services.jobs().rows().size() == 1 && services.jobs().rows().getFirst().stateProperty().get() == JobState.DONE);
        Screenshots.take(scene, "engine-01-pulled-into-the-engine");
        JobRow pulled = JobsFlowSteps.onFx(() -> services.jobs().rows().getFirst());
        assertEquals("Pull " + local, JobsFlowSteps.onFx(() -> pulled.titleProperty().get()));
        assertTrue(transfers.asked.isEmpty(), "a pull to the engine asks nothing: " + transfers.asked);
        try (Engine engine = engines().connect()) {
            assertEquals(image.imageId(), engine.image(local).orElseThrow(() -> new AssertionError(local + " not in the engine")).id());
        }

        // The pull landed in the engine: the Local images node lists it without a Refresh.
        LocalImagesNode.Entry pulledImage = steps.waitFor(() -> main.browser().localImages().groups().stream()
                .flatMap(g -> g.entries().stream()).filter(e -> e.name().equals(local)).findFirst().orElse(null));
        MainWindowFlowTest.runFx(() -> {
            TreeView<?> tree = (TreeView<?>) scene.lookup("#tree");
            TreeItem<?> localItem = tree.getRoot().getChildren().stream().filter(i -> i.getValue() instanceof LocalImagesNode).findFirst()
                    .orElseThrow(() -> new AssertionError("no Local images node in the tree"));
            localItem.setExpanded(true);
            localItem.getChildren().forEach(group -> group.setExpanded(true));
            main.browser().select(Selection.of(main.browser().localImages(), pulledImage));
        });
        steps.waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.LOCAL_IMAGE && scene.lookup("#details-summary") != null);
        Screenshots.take(scene, "engine-02-local-image-selected");
        // The same details pane as a registry tag, from the engine's inspect answer.
        assertEquals(local, JobsFlowSteps.onFx(() -> ((Label) scene.lookup("#details-title")).getText()));
        assertEquals("linux/amd64", JobsFlowSteps.onFx(() -> ((Label) scene.lookup("#summary-platform")).getText()));
        assertEquals("1", JobsFlowSteps.onFx(() -> ((Label) scene.lookup("#summary-layers")).getText()));
        assertEquals(image.imageId(), JobsFlowSteps.onFx(() -> ((Label) scene.lookup("#summary-image-id")).getText()));
        assertTrue(JobsFlowSteps.onFx(() -> ((Label) scene.lookup("#summary-manifest")).getText()).startsWith("None in the engine"),
                "a manifest the engine does not have is said in words");
        assertEquals(java.util.List.of(), JobsFlowSteps.onFx(() -> Truncation.elided((javafx.scene.Parent) scene.lookup("#details-summary"))),
                "every fact of the summary is shown whole");
        MainWindowFlowTest.runFx(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) scene.lookup("#details-tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getId().equals("tab-config")).findFirst().orElseThrow());
        });
        steps.waitUntil(() -> scene.lookup("#summary-cmd") != null);
        Screenshots.take(scene, "engine-02b-local-image-config");
        assertEquals("/hello.txt", JobsFlowSteps.onFx(() -> ((Label) scene.lookup("#summary-cmd")).getText()));
        MainWindowFlowTest.runFx(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) scene.lookup("#details-tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getId().equals("tab-layers")).findFirst().orElseThrow());
        });
        steps.waitUntil(() -> scene.lookup("#layers-table") != null);
        Screenshots.take(scene, "engine-02c-local-image-layers");
        assertEquals(1, JobsFlowSteps.onFx(() -> ((javafx.scene.control.TableView<?>) scene.lookup("#layers-table")).getItems().size()));
        assertEquals(java.util.List.of(), JobsFlowSteps.onFx(() -> Truncation.elided((javafx.scene.Parent) scene.lookup("#details-tabs"),
                cell -> cell.getText().startsWith("sha256:"))), "the layers table's headers and words are shown whole");

        transfers.answerPush(form -> {
            assertTrue(form.localImages().contains(local), "the push dialog lists the pulled image: " + form.localImages());
            assertEquals(java.util.Optional.of(local), form.chosenImage(), "Push… on the local image chooses it");
            assertEquals("team/app", form.initial().repository(), "its repository is suggested, without the registry in front");
            return TransferDialogs.PushChoice.engineImage(local, new TransferDialogs.Destination(node.id(), "from/engine", "2.0"));
        });
        MainWindowFlowTest.runFx(() -> services.transfers().forLocalImage(pulledImage).stream()
                .filter(item -> "local-push".equals(item.getId())).findFirst().orElseThrow().fire());

        steps.waitUntil(() -> services.jobs().rows().size() == 2 && services.jobs().rows().stream().allMatch(r -> r.stateProperty().get() == JobState.DONE));
        steps.waitUntil(() -> node.repository("from/engine").map(r -> r.tags().contains("2.0")).orElse(false)
                && ((TreeView<?>) scene.lookup("#tree")).getRoot().getChildren().getFirst().getChildren().size() == 2); // in the tree, no Refresh
        Screenshots.take(scene, "engine-03-pushed-from-the-engine");
        assertTrue(transfers.asked.getFirst().startsWith("push: " + PlaceKind.local()), "the engine is offered: " + transfers.asked);
        JobRow pushed = JobsFlowSteps.onFx(() -> services.jobs().rows().stream().filter(r -> r != pulled).findFirst().orElseThrow());
        assertEquals("Push engine:" + local, JobsFlowSteps.onFx(() -> pushed.titleProperty().get()));
        RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
        assertTrue(JobsFlowSteps.onFx(() -> pushed.detailProperty().get()).contains(new RegistryStore(client, "from/engine").resolve("2.0").digest().toString()),
                "the done row names the digest the registry holds");
        watchdog.assertNoStall();
    }
}
