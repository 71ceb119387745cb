package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.RegistryFigures;
import dev.berth.demo.DemoImages;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.ui.app.AppServices;
import dev.berth.ui.app.MainView;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.LoadState;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.Selection;
import dev.berth.ui.browser.RegistryOverviewModel;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.connection.ConnectionDraft;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
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

/** Selecting a registry shows its figures as they load, at 1280×800: a real registry read in part then in full, and the demo. */
@ExtendWith(ApplicationExtension.class)
class RegistryOverviewFlowTest {

    /** More than the first scan reads, so the figures are partial until the person asks for the rest. */
    private static final int REPOSITORIES = RegistryOverviewModel.AUTO_SCAN + 3;

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private final FxWatchdog watchdog = new FxWatchdog();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainViewModel main;
    private dev.berth.ui.jobs.JobsViewModel jobs;
    private Scene scene;
    private FxUiExecutor executor;

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        TestImages.Content base = TestImages.layer(1000, 20_000);
        for (int i = 0; i < REPOSITORIES; i++) {
            seeder.pushImage(String.format("team/service-%02d", i), "1." + i, TestImages.image().seed(i)
                    .layers(List.of(base, TestImages.layer(i, 1000 + i))).created(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * i))
                    .build());
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        AppServices services = new AppServices(executor, activity, dialogs, TestConnections.inMemory(work.resolve("config-" + System.nanoTime())),
                dev.berth.browse.SummaryCache.inMemory(), new dev.berth.cleanup.Journal(work.resolve("journal-" + System.nanoTime())));
        main = services.main();
        jobs = services.jobs();
        MainView view = new MainView(main, activity, services.notifications());
        view.dockJobs(new dev.berth.ui.jobs.JobsView(jobs), services.transfers()); // as the app does: the read is a job there
        scene = new Scene(view, 1280, 800);
        MainWindowFlowTest.Application.theme(MainViewModel.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
        main.start();
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void aRegistryIsReadInPartThenInFullAndARecentPushOpensItsTag(FxRobot robot) throws Exception {
        dialogs.answerConnection(draft -> ConnectionDraft.of(registry.hostPort()));
        robot.clickOn("#welcome-add");
        RegistryNode node = waitFor(() -> main.browser().registries().stream().findFirst()
                .filter(r -> r.stateProperty().get() == LoadState.LOADED).orElse(null));
        runFx(() -> main.browser().select(Selection.of(node)));
        waitUntil(() -> !main.overview().scanningProperty().get()
                && main.overview().figuresProperty().get().repositoriesScanned() == RegistryOverviewModel.AUTO_SCAN);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(scene, "overview-01-registry-partial");

        RegistryFigures partial = onFx(() -> main.overview().figuresProperty().get());
        assertEquals(REPOSITORIES, partial.repositories());
        assertEquals(String.valueOf(REPOSITORIES), text("#figure-repositories .figure-value"));
        assertEquals(String.valueOf(RegistryOverviewModel.AUTO_SCAN), text("#figure-images .figure-value"));
        assertTrue(text("#figure-images .figure-caption").startsWith("images so far"), text("#figure-images .figure-caption"));
        assertEquals("20 of 23 repositories read.", text("#figures-progress"));
        javafx.scene.control.Button readRest = waits().shown("#figures-read-rest");
        assertEquals("Read the other 3 repositories", onFx(readRest::getText));
        assertEquals(List.of(), onFx(() -> Truncation.elided(scene.getRoot())), "nothing cut short at 1280×800");

        robot.clickOn(readRest);
        waitUntil(() -> main.overview().figuresProperty().get().scanComplete() && !main.overview().scanningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(scene, "overview-02-registry-complete");
        RegistryFigures all = onFx(() -> main.overview().figuresProperty().get());
        assertEquals(REPOSITORIES, all.images());
        long expected = 20_000;
        for (int i = 0; i < REPOSITORIES; i++) expected += 1000 + i;
        assertTrue(all.sizeAsPulled() > expected && all.sizeAsPulled() < expected + REPOSITORIES * 2_000L,
                "the shared base layer once, plus each image's own layer and config: " + all.sizeAsPulled());
        assertEquals("All 23 repositories read.", text("#figures-progress"));
        // The same read is a job of the jobs panel, counted in repositories; the panel stays shut (the overview shows it).
        waitUntil(() -> jobs.rows().stream().anyMatch(row -> row.kind() == dev.berth.jobs.JobKind.READ
                && row.stateProperty().get() == dev.berth.jobs.JobState.DONE));
        dev.berth.ui.jobs.JobRow read = onFx(() -> jobs.rows().getFirst());
        assertEquals("Read the repositories of " + registry.hostPort(), onFx(() -> read.titleProperty().get()));
        assertFalse(onFx(() -> jobs.expandedProperty().get()), "a read opens no panel by itself");
        assertEquals(List.of(), onFx(() -> Truncation.elided(scene.getRoot())), "nothing cut short at 1280×800");
        // Opened by hand, the panel shows the read as a row of its own: its title, and no layers toggle or Retry.
        robot.clickOn(waits().<javafx.scene.Node>shown("#jobs-toggle"));
        javafx.scene.control.Label readTitle = waits().shown(".job-row .job-title");
        assertEquals("Read the repositories of " + registry.hostPort(), onFx(readTitle::getText));
        assertTrue(onFx(() -> robot.lookup(".job-row .job-layers").queryAll().stream().noneMatch(javafx.scene.Node::isVisible)),
                "a read has no layers to show");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(scene, "overview-02a-read-job");
        robot.clickOn(waits().<javafx.scene.Node>shown("#jobs-toggle"));
        waitUntil(() -> !jobs.expandedProperty().get());

        // Each figures update makes the links anew: click one laid out, not one the next pulse has yet to place.
        Hyperlink newest = waits().shown("#recent-pushes .hyperlink");
        assertEquals(String.format("team/service-%02d:1.%d", REPOSITORIES - 1, REPOSITORIES - 1), onFx(newest::getText));
        robot.clickOn(newest);
        waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.TAG);
        assertEquals(Selection.of(node.repository(String.format("team/service-%02d", REPOSITORIES - 1)).orElseThrow(),
                "1." + (REPOSITORIES - 1)), onFx(() -> main.browser().selectionProperty().get()));
        // The tree follows: the namespace opens and the tag's repository row is selected, as for a tag opened from its table.
        String tag = "1." + (REPOSITORIES - 1);
        String repository = String.format("service-%02d", REPOSITORIES - 1);
        waitUntil(() -> selectedTreeRowTexts(robot).stream().anyMatch(t -> t.endsWith(repository)));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(scene, "overview-02b-recent-push-opened");
        assertEquals(Selection.of(node.repository(String.format("team/service-%02d", REPOSITORIES - 1)).orElseThrow(), tag),
                onFx(() -> main.browser().selectionProperty().get()), "selecting the row keeps the tag open");

        runFx(() -> main.browser().select(Selection.of(node)));
        runFx(main::openDemo);
        RegistryNode demo = waitFor(() -> main.browser().registries().stream().filter(r -> r != node)
                .filter(r -> r.stateProperty().get() == LoadState.LOADED).findFirst().orElse(null));
        runFx(() -> main.browser().select(Selection.of(demo)));
        assertEquals("Demo", text("#registry-title"), "from one registry to another, the overview follows");
        waitUntil(() -> main.overview().figuresProperty().get().repositories() == DemoImages.repositories().size());
        watchdog.assertNoStall();
    }

    @Test
    void theDemoShowsItsWholeFigures(FxRobot robot) throws Exception {
        robot.clickOn("#welcome-demo");
        RegistryNode node = waitFor(() -> main.browser().registries().stream().findFirst()
                .filter(r -> r.stateProperty().get() == LoadState.LOADED).orElse(null));
        runFx(() -> main.browser().select(Selection.of(node)));
        waitUntil(() -> main.overview().figuresProperty().get().scanComplete() && !main.overview().scanningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(scene, "overview-03-demo");
        RegistryFigures figures = onFx(() -> main.overview().figuresProperty().get());
        assertEquals(DemoImages.repositories().size(), figures.repositories());
        assertTrue(figures.images() > 0 && figures.sizeAsPulled() > 0, figures.toString());
        assertEquals(5, onFx(() -> robot.lookup("#recent-pushes .hyperlink").queryAll().size()));
        assertEquals(List.of(), onFx(() -> Truncation.elided(scene.getRoot())), "nothing cut short at 1280×800");
        Path folder = node.place().folder().orElseThrow();
        assertTrue(onFx(() -> texts(scene.getRoot())).contains("Folder: " + folder), "the overview names the folder");
        assertNoInternalHost();

        var api = node.repository("team/api").orElseThrow();
        runFx(() -> main.browser().select(Selection.of(api)));
        waitUntil(() -> !main.repository().loadingProperty().get() && !main.repository().rows().isEmpty());
        assertEquals(folder.resolve("team/api").toString(), text("#repository-title"));
        assertNoInternalHost();
        runFx(() -> main.browser().select(Selection.of(api, "latest")));
        waitUntil(() -> main.details().contentProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(scene, "overview-04-demo-tag");
        assertEquals("berth copy oci:" + folder.resolve("team/api") + ":latest engine:team/api:latest",
                onFx(() -> main.details().pullByTagCommand()), "a folder tag is copied with berth, not pulled from an internal host");
        assertTrue(onFx(() -> main.details().digestReference()).startsWith(folder.resolve("team/api") + "@sha256:"));
        assertNoInternalHost();
        watchdog.assertNoStall();
    }

    /** No text on screen names the host only Berth's in-process client answers. */
    private void assertNoInternalHost() throws Exception {
        List<String> internal = onFx(() -> texts(scene.getRoot())).stream().filter(t -> t.contains(".folder.invalid")).toList();
        assertEquals(List.of(), internal, "texts naming the internal host of a folder connection");
    }

    private static List<String> texts(javafx.scene.Parent root) {
        List<String> found = new java.util.ArrayList<>();
        for (javafx.scene.Node child : root.getChildrenUnmodifiable()) {
            if (!child.isVisible()) continue;
            if (child instanceof javafx.scene.control.Labeled labeled && labeled.getText() != null) found.add(labeled.getText());
            if (child instanceof javafx.scene.Parent parent) found.addAll(texts(parent));
        }
        return found;
    }

    /**
     * On the FX thread (in a wait): the texts of the tree's selected row, or nothing while that row
     * has no cell yet (the tree lays it out on its next pass).
     */
    private static List<String> selectedTreeRowTexts(FxRobot robot) {
        javafx.scene.control.TreeView<?> tree = robot.lookup("#tree").queryAs(javafx.scene.control.TreeView.class);
        int selected = tree.getSelectionModel().getSelectedIndex();
        if (selected < 0) return List.of();
        return robot.lookup("#tree .tree-cell").queryAllAs(javafx.scene.control.TreeCell.class).stream()
                .filter(cell -> !cell.isEmpty() && cell.getIndex() == selected)
                .findFirst().map(cell -> texts(cell)).orElse(List.of());
    }

    private String text(String query) throws Exception {
        return onFx(() -> ((Label) new FxRobot().lookup(query).query()).getText());
    }

    private <T> T waitFor(Callable<T> value) throws Exception {
        return waits().waitFor(value);
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        waits().waitUntil(condition);
    }

    private FxWaits waits() {
        return new FxWaits(scene, "overview", 60);
    }

    private static <T> T onFx(Callable<T> callable) throws Exception {
        return FxWaits.onFx(callable);
    }

    private static void runFx(Runnable action) {
        FxWaits.runFx(action);
    }
}
