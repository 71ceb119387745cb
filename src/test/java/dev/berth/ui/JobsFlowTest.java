package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.jobs.JobDescription;
import dev.berth.jobs.JobHistory;
import dev.berth.jobs.JobKind;
import dev.berth.jobs.JobOutcome;
import dev.berth.jobs.JobService;
import dev.berth.jobs.JobState;
import dev.berth.jobs.LayerProgress;
import dev.berth.jobs.PlaceKind;
import dev.berth.store.OciArchive;
import dev.berth.store.ImageSource;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.ui.app.AppServices;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.ui.jobs.JobNotice;
import dev.berth.ui.jobs.JobRow;
import dev.berth.ui.jobs.TransferDialogs;
import dev.berth.ui.jobs.TransferMenus;
import dev.berth.work.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
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

/**
 * Jobs in the real window against real registries: an export with its per-layer bars, three jobs
 * at once (one cancelled, one failed and retried), Copy to… a second registry and Retag…, and
 * twenty jobs reporting layers inside the FX-thread budget. Each step writes a screenshot.
 */
@ExtendWith(ApplicationExtension.class)
class JobsFlowTest {

    @TempDir
    static Path work;

    @TempDir
    Path temp;

    /** No engine answers here: the push dialog offers files and folders only. */
    private static final dev.berth.engine.EngineLocator NO_ENGINE = new dev.berth.engine.EngineLocator(
            java.util.Map.of("DOCKER_HOST", "unix:///nonexistent/berth-test.sock"));

    private static RegistryServer source;
    private static RegistryServer target;
    private static TestImages.Image image;

    private final FxWatchdog watchdog = new FxWatchdog();
    private final ScriptedTransferDialogs transfers = new ScriptedTransferDialogs();
    private final List<JobNotice> notices = new CopyOnWriteArrayList<>();
    private MainViewModel main;
    private Scene scene;
    private FxUiExecutor executor;
    private JobService jobService;
    private AppServices services;
    private JobsFlowSteps steps;

    @BeforeAll
    static void seed() {
        source = RegistryServer.builder(work.resolve("source")).start();
        target = RegistryServer.builder(work.resolve("target")).start();
        image = RegistrySeeder.of(source).pushImage("team/app", "1.0", TestImages.image().seed(41).layerSizes(600_000, 250_000, 40_000).build());
    }

    @AfterAll
    static void stop() {
        source.close();
        target.close();
    }

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        jobService = new JobService(JobService.DEFAULT_RUNNING, JobHistory.inMemory(), Clock.systemUTC());
        steps = JobsFlowSteps.show(stage, executor, activity, work, jobService, transfers, notices::add, NO_ENGINE);
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
    void anExportShowsABarPerLayerAndWritesTheArchive(FxRobot robot) throws Exception {
        RepositoryNode app = steps.openRepository(steps.connect("source", source), "team/app");
        steps.selectTag("1.0");
        Path archive = temp.resolve("app-1.0.tar");
        transfers.answerPath(archive);

        steps.fire("#tag-transfer", "export-oci-archive");

        JobRow row = waitFor(() -> services.jobs().rows().stream().filter(r -> r.stateProperty().get() == JobState.DONE).findFirst().orElse(null));
        showLayers(robot);
        Screenshots.take(scene, "jobs-01-export-done-with-layers");
        List<ProgressBar> bars = onFx(() -> robot.lookup(".layer-progress").queryAllAs(ProgressBar.class).stream().toList());
        assertEquals(image.blobs().size(), bars.size(), "a bar per blob");
        assertTrue(bars.stream().allMatch(b -> b.getProgress() == 1.0));
        assertTrue(onFx(() -> row.detailProperty().get()).contains(image.digest()), "the done row names the digest");
        try (ImageSource written = OciArchive.read(archive)) {
            assertEquals(image.digest(), written.resolve("1.0").digest().toString());
        }
        assertEquals("Jobs: all finished", onFx(() -> robot.lookup("#status-jobs").queryAs(Button.class).getText()));
        assertEquals("Export finished", notices.getFirst().title());
        assertTrue(transfers.asked.getFirst().contains("team/app:1.0"), transfers.asked.toString());
        assertEquals(app, main.repository().repositoryProperty().get());
        watchdog.assertNoStall();
    }

    @Test
    void threeJobsAtOnceOneCancelledOneFailedAndRetried(FxRobot robot) throws Exception {
        steps.connect("source", source);
        steps.openRepository(main.browser().registries().getFirst(), "team/app");
        steps.selectTag("1.0");
        // A job that reports half its layers and waits: the one to cancel.
        jobService.submit(new JobDescription(JobKind.PULL, "Pull a large image", "registry.example/big:1", temp.resolve("big").toString()),
                (cancel, progress) -> {
                    for (int layer = 0; layer < 4; layer++) progress.layer("sha256:" + "%064d".formatted(layer), 50_000_000, (layer + 1) * 10_000_000L,
                            LayerProgress.State.MOVING);
                    progress.overall(100_000_000, 200_000_000, 0, 4);
                    while (!cancel.isCancelled()) Thread.sleep(20);
                    throw new java.util.concurrent.CancellationException();
                });
        Path missingFolder = temp.resolve("not-yet");
        Files.writeString(missingFolder, "a file where the folder should be");
        transfers.answerPath(missingFolder.resolve("app.tar"));
        steps.fire("#tag-transfer", "export-oci-archive");
        transfers.answerPath(temp.resolve("layout"));
        steps.fire("#tag-transfer", "export-oci-layout");

        waitUntil(() -> services.jobs().rows().size() == 3 && services.jobs().failedProperty().get() == 1
                && services.jobs().rows().stream().anyMatch(r -> r.stateProperty().get() == JobState.DONE));
        showLayers(robot);
        Screenshots.take(scene, "jobs-02-three-at-once");
        JobRow failed = onFx(() -> services.jobs().rows().stream().filter(r -> r.stateProperty().get() == JobState.FAILED).findFirst().orElseThrow());
        String words = onFx(() -> failed.detailProperty().get());
        assertTrue(words.contains(missingFolder.getFileName().toString()) && words.contains("retry"), words);
        assertTrue(notices.stream().anyMatch(n -> n.failed() && n.text().contains("Retry")), notices.toString());
        assertEquals("1 job running · 1 failed", onFx(() -> robot.lookup("#status-jobs").queryAs(Button.class).getText()));

        JobRow pulling = onFx(() -> services.jobs().rows().stream().filter(r -> r.stateProperty().get() == JobState.RUNNING).findFirst().orElseThrow());
        // The oldest row sits below the panel's fold: pressed as the keyboard would, since a click needs it scrolled into view.
        Button cancel = steps.shown("#job-" + pulling.id() + " .job-cancel");
        MainWindowFlowTest.runFx(cancel::fire);
        Files.delete(missingFolder);
        Files.createDirectories(missingFolder);
        // Its Retry shows once the row is laid out as failed; with the layer bars open above it, it may sit below the
        // fold too: pressed as the keyboard would, like Cancel.
        Button retry = steps.shown("#job-" + failed.id() + " .job-retry");
        MainWindowFlowTest.runFx(retry::fire);

        waitUntil(() -> pulling.stateProperty().get() == JobState.CANCELLED && failed.stateProperty().get() == JobState.DONE);
        Screenshots.take(scene, "jobs-03-cancelled-and-retried");
        assertTrue(onFx(() -> failed.titleProperty().get()).endsWith("(attempt 2)"));
        assertTrue(Files.exists(missingFolder.resolve("app.tar")));
        watchdog.assertNoStall();
    }

    @Test
    void copyToASecondRegistryAndRetag(FxRobot robot) throws Exception {
        RegistryNode from = steps.connect("source", source);
        RegistryNode to = steps.connect("target", target);
        steps.openRepository(from, "team/app");
        steps.selectTag("1.0");
        transfers.answerCopyTarget(form -> new TransferDialogs.CopyTarget(new TransferDialogs.Destination(to.id(), "mirror/app", "2.0"),
                List.of(), false));
        steps.fire("#tag-transfer", "tag-copy-to");
        transfers.answerTag("1.0-stable");
        steps.fire("#tag-transfer", "tag-retag");

        waitUntil(() -> services.jobs().rows().size() == 2 && services.jobs().rows().stream().allMatch(r -> r.stateProperty().get() == JobState.DONE));
        // No Refresh pressed: the copy's new repository appears under the target with its tag, the retag in the open table and tree.
        waitUntil(() -> to.repository("mirror/app").map(r -> r.tags().contains("2.0")).orElse(false)
                && from.repository("team/app").orElseThrow().tags().contains("1.0-stable")
                && main.repository().rows().stream().anyMatch(row -> row.tag().equals("1.0-stable")));
        Screenshots.take(scene, "jobs-04-copied-and-retagged");
        assertTrue(transfers.asked.stream().anyMatch(q -> q.startsWith("copy: Copy team/app:1.0 [source, target]")), transfers.asked.toString());
        assertEquals(image.digest(), TestImages.Content.of(image.mediaType(), RegistrySeeder.of(target).getManifest("mirror/app", "2.0")).digest());
        assertEquals(image.digest(), TestImages.Content.of(image.mediaType(), RegistrySeeder.of(source).getManifest("team/app", "1.0-stable")).digest());
        JobRow retag = onFx(() -> services.jobs().rows().getFirst());
        assertTrue(onFx(() -> retag.detailProperty().get()).startsWith("0 B"), "a retag moves no data: " + onFx(() -> retag.detailProperty().get()));
        watchdog.assertNoStall();
    }

    @Test
    void pushAnOciLayoutFromTheToolbar(FxRobot robot) throws Exception {
        RegistryNode from = steps.connect("source", source);
        RegistryNode to = steps.connect("target", target);
        Path layout = temp.resolve("app-layout");
        try (dev.berth.store.OciLayout out = dev.berth.store.OciLayout.open(layout)) {
            new dev.berth.transfer.ImageCopier(temp).copy(new dev.berth.store.RegistryStore(from.client(), "team/app"), "1.0", out,
                    Optional.of("1.0"), dev.berth.transfer.CopyOptions.defaults(), dev.berth.work.CancelSignal.none(),
                    Progress.none());
        }
        transfers.answerPush(form -> new TransferDialogs.PushChoice(PlaceKind.OCI_LAYOUT, layout, "1.0",
                new TransferDialogs.Destination(to.id(), "pushed/app", "v1")));

        robot.clickOn("#toolbar-push");

        waitUntil(() -> services.jobs().rows().size() == 1 && services.jobs().rows().getFirst().stateProperty().get() == JobState.DONE);
        waitUntil(() -> to.repository("pushed/app").map(r -> r.tags().contains("v1")).orElse(false)); // in the tree without a Refresh
        Screenshots.take(scene, "jobs-07-pushed-from-a-layout");
        assertTrue(transfers.asked.getFirst().startsWith("push: " + PlaceKind.files()), transfers.asked.toString());
        assertEquals(image.digest(), TestImages.Content.of(image.mediaType(), RegistrySeeder.of(target).getManifest("pushed/app", "v1")).digest());
        assertTrue(onFx(() -> services.jobs().rows().getFirst().titleProperty().get()).startsWith("Push " + layout), "the row says what was pushed");
        watchdog.assertNoStall();
    }

    @Test
    void pullToTheLocalEngineWithoutOneSaysWhatToStartAndStartsNoJob(FxRobot robot) throws Exception {
        MainWindowFlowTest.runFx(() -> main.browser().refreshLocalImages());
        // No engine: no Local images node and no notification, only a quiet hint under the tree.
        waitUntil(() -> scene.lookup("#local-images-hint").isVisible());
        assertTrue(onFx(() -> ((javafx.scene.control.TreeView<?>) scene.lookup("#tree")).getRoot().getChildren().stream()
                .noneMatch(item -> item.getValue() instanceof dev.berth.ui.browser.LocalImagesNode)));
        steps.openRepository(steps.connect("source", source), "team/app");
        steps.selectTag("1.0");

        steps.fire("#tag-transfer", "tag-pull-to-engine");

        atlantafx.base.controls.Message notice = waitFor(() -> robot.lookup("#notifications .message")
                .tryQueryAs(atlantafx.base.controls.Message.class).orElse(null));
        Screenshots.take(scene, "jobs-08-pull-without-an-engine");
        assertEquals("No local engine", onFx(notice::getTitle));
        assertTrue(onFx(notice::getDescription).contains("systemctl --user start podman.socket"), onFx(notice::getDescription));
        assertTrue(onFx(() -> services.jobs().rows().isEmpty()), "no job without an engine");
        watchdog.assertNoStall();
    }

    @Test
    void twentyJobsWithPerLayerUpdatesStayInsideTheFxBudget(FxRobot robot) throws Exception {
        for (int i = 0; i < 20; i++) {
            int job = i;
            jobService.submit(new JobDescription(JobKind.COPY, "Copy image " + job, "a.example/app:" + job, "b.example/app:" + job),
                    (cancel, progress) -> {
                        for (int step = 1; step <= 200; step++) {
                            for (int layer = 0; layer < 8; layer++) {
                                progress.layer("sha256:%064d".formatted(job * 100 + layer), 1_000_000, step * 5_000L, LayerProgress.State.MOVING);
                            }
                            progress.overall(step * 40_000L, 8_000_000, 0, 8);
                            Thread.sleep(2);
                        }
                        return new JobOutcome(Optional.empty(), 8_000_000, "8 copied");
                    });
        }
        waitUntil(() -> services.jobs().rows().size() == 20);
        showLayers(robot);
        Screenshots.take(scene, "jobs-05-twenty-jobs-running");
        waitUntil(() -> services.jobs().rows().stream().allMatch(r -> r.stateProperty().get() == JobState.DONE));
        Screenshots.take(scene, "jobs-06-twenty-jobs-done");
        assertEquals(20, notices.size());
        watchdog.assertWithinBudget(); // the budget is this test's subject: load-sensitive by nature (see FxWatchdog)
    }

    @Test
    void cleanupBesideAnOpenJobsPanelKeepsTheToolbarInTheWindow(FxRobot robot) throws Exception {
        steps.openRepository(steps.connect("source", source), "team/app");
        steps.selectTag("1.0");
        transfers.answerPath(temp.resolve("app-beside-cleanup.tar"));
        steps.fire("#tag-transfer", "export-oci-archive");
        waitFor(() -> services.jobs().rows().stream().filter(r -> r.stateProperty().get() == JobState.DONE).findFirst().orElse(null));
        showLayers(robot);

        robot.clickOn("#open-cleanup");
        waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.CLEANUP);
        // The pane just switched in: Preview joins the scene with its scroll pane's skin, and gets its place on a layout pass.
        Node previewButton = steps.shown("#cleanup-preview");
        Screenshots.take(scene, "jobs-05-cleanup-beside-open-jobs");
        javafx.geometry.Bounds toolbar = onFx(() -> robot.lookup("#add-connection").query().localToScene(
                robot.lookup("#add-connection").query().getLayoutBounds()));
        assertTrue(toolbar.getMinY() >= 0, "the toolbar left the window: " + toolbar);
        javafx.geometry.Bounds preview = onFx(() -> previewButton.localToScene(previewButton.getLayoutBounds()));
        assertTrue(preview.getMinY() >= 0 && preview.getMaxY() <= scene.getHeight(), "Preview out of the window: " + preview);
    }

    /** Opens every row's layer bars; waits for each row's toggle first, as the rows are in the panel only once it shows them. */
    private void showLayers(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup(".job-layers").queryAll().size() == services.jobs().rows().size());
        MainWindowFlowTest.runFx(() -> robot.lookup(".job-layers").queryAllAs(ToggleButton.class).forEach(t -> t.setSelected(true)));
    }

    private <T> T waitFor(Callable<T> value) throws Exception {
        return steps.waitFor(value);
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        steps.waitUntil(condition);
    }

    static <T> T onFx(Callable<T> value) throws Exception {
        return JobsFlowSteps.onFx(value);
    }
}
