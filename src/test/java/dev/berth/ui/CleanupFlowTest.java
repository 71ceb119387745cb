package dev.berth.ui;

import dev.berth.ui.browser.Selection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.SummaryCache;
import dev.berth.cleanup.AgeHistogram.Age;
import dev.berth.cleanup.CleanupPlan;
import dev.berth.cleanup.Journal;
import dev.berth.cleanup.ManifestDeletion;
import dev.berth.cleanup.TagDecision;
import dev.berth.domain.ByteSize;
import dev.berth.domain.Digest;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TagDeletingProxy;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Compose a rule, read the preview, apply, undo: in the window, against a real registry. */
@ExtendWith(ApplicationExtension.class)
class CleanupFlowTest {

    @TempDir
    Path work;

    private RegistryServer registry;
    private final FxWatchdog watchdog = new FxWatchdog();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainViewModel main;
    private Scene scene;
    private FxUiExecutor executor;
    private AppServices services;
    private MainView view;

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        services = new AppServices(executor, activity, dialogs, TestConnections.inMemory(work.resolve("config")),
                SummaryCache.inMemory(), new Journal(work.resolve("journal")));
        main = services.main();
        main.themeProperty().addListener((obs, old, theme) -> MainWindowFlowTest.Application.theme(theme));
        MainWindowFlowTest.Application.theme(MainViewModel.Theme.LIGHT);
        view = new MainView(main, activity, services.notifications());
        scene = new Scene(view, 1280, 800);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
        if (registry != null) registry.close();
    }

    /** The apply is a row of the jobs panel too: its title, done, what it did, and why it has no Retry. */
    private void assertAppliedAsAJob(FxRobot robot, String title) throws Exception {
        waitUntil(() -> services.jobs().rows().stream().anyMatch(r -> r.titleProperty().get().equals(title)
                && r.stateProperty().get() == dev.berth.jobs.JobState.DONE));
        assertFalse(onFx(() -> services.jobs().expandedProperty().get()), "the cleanup view shows the apply; the panel stays shut");
        onFx(() -> {
            // Docked only now: its bar would take the height the table's check above counts on.
            view.dockJobs(new dev.berth.ui.jobs.JobsView(services.jobs()), services.transfers());
            services.jobs().expandedProperty().set(true);
            return null;
        });
        dev.berth.ui.jobs.JobRow job = onFx(() -> services.jobs().rows().stream().filter(r -> r.titleProperty().get().equals(title))
                .findFirst().orElseThrow());
        // The panel was docked just now: its rows join the scene once its scroll pane has a skin (the next pulse).
        javafx.scene.control.Label shown = waits().shown("#job-" + job.id() + " .job-title");
        assertEquals(title, onFx(shown::getText));
        javafx.scene.Node layersToggle = robot.lookup("#job-" + job.id() + " .job-layers").query();
        assertFalse(onFx(layersToggle::isVisible), "a cleanup has no layers to show");
        String detail = onFx(() -> job.detailProperty().get());
        assertTrue(detail.contains("deleted 3"), detail);
        assertFalse(onFx(() -> job.canRetryProperty().get()), "a cleanup is never re-run blindly");
        Screenshots.take(scene, "14-cleanup-applied-job");
        onFx(() -> {
            services.jobs().expandedProperty().set(false);
            return null;
        });
    }

    @Test
    void composeRulePreviewApplyAndUndo(FxRobot robot) throws Exception {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        // Ages from now, so the chart's brackets are known: 1.1.0 oldest … 1.5.0 newest, pr-17 older than all.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int[] ageDays = {400, 200, 100, 40, 10};
        TestImages.Image base = null;
        for (int i = 1; i <= 5; i++) {
            TestImages.Image image = seeder.pushImage("team/app", "1." + i + ".0", TestImages.image().seed(i).layerSizes(100_000 + i, 20_000)
                    .created(now.minus(ageDays[i - 1], ChronoUnit.DAYS)).build());
            if (i == 5) base = image;
        }
        seeder.tag("team/app", "latest", base.manifest().bytes(), base.mediaType());
        seeder.pushImage("team/app", "pr-17", TestImages.image().seed(40).layerSizes(5_000).created(now.minus(500, ChronoUnit.DAYS)).build());

        RegistryNode node = onFx(() -> main.addConnected("local", registry.hostPort(),
                new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false))));
        waitUntil(() -> node.stateProperty().get() == LoadState.LOADED && node.repository("team/app").isPresent());
        RepositoryNode app = node.repository("team/app").orElseThrow();
        onFx(() -> {
            main.browser().select(Selection.of(app));
            return null;
        });
        waitUntil(() -> main.repository().snapshotProperty().get() != null);

        robot.clickOn("#open-cleanup");
        waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.CLEANUP);
        // The pane just switched in: the rules' fields join the scene when its titled pane gets its skin.
        TextField protect = waits().shown("#rule-protect");
        Screenshots.take(scene, "12-cleanup-rules");
        // At 1280×800 with the tree at its third, nothing of the rules is cut ("Only images older t…", "Export polic…").
        assertEquals(List.of(), onFx(() -> {
            dev.berth.ui.FxWaits.layOut(scene);
            return Truncation.elided((javafx.scene.Parent) scene.lookup("#cleanup-rules"));
        }), "cut in the cleanup rules");
        TitledPane rules = robot.lookup("#cleanup-rules-pane").query();
        StackedBarChart<String, Number> chart = robot.lookup("#cleanup-age-chart").query();
        assertTrue(onFx(rules::isExpanded), "the rules are open until there is a preview");
        assertFalse(onFx(() -> showing(chart)), "no chart without a plan");
        onFx(() -> {
            main.cleanup().form().keepLastProperty().set(2);
            protect.setText("latest|pr-.*");
            return null;
        });
        robot.clickOn(waits().<Node>shown("#cleanup-preview"));
        waitUntil(() -> main.cleanup().planProperty().get() != null);
        List<String> deleted = main.cleanup().decisions().stream().filter(TagDecision::deleted).map(TagDecision::tag).sorted().toList();
        assertEquals(List.of("1.1.0", "1.2.0", "1.3.0"), deleted, "keep the 2 newest images; latest shares 1.5.0; pr-17 protected");
        assertTrue(main.cleanup().summaryProperty().get().contains("at least"), main.cleanup().summaryProperty().get());
        assertFalse(rules.isExpanded(), "the rules fold away for the preview");
        assertTrue(rules.getText().contains("keep the newest 2") && rules.getText().contains("protect latest|pr-.*"), rules.getText());
        assertTrue(showing(chart), "the chart shows with the plan");
        assertChartShows(chart, main.cleanup().planProperty().get(), main.repository().snapshotProperty().get());
        Screenshots.take(scene, "13-cleanup-preview");
        robot.clickOn("#theme");
        waitUntil(() -> main.themeProperty().get() == MainViewModel.Theme.DARK);
        Screenshots.take(scene, "13-cleanup-preview-dark");
        robot.clickOn("#theme");
        waitUntil(() -> main.themeProperty().get() == MainViewModel.Theme.LIGHT);

        dialogs.answerConfirm(true);
        robot.clickOn(waits().<Node>shown("#cleanup-apply"));
        waitUntil(() -> main.cleanup().resultProperty().get() != null && !main.cleanup().busyProperty().get());
        assertEquals(3, main.cleanup().resultProperty().get().deleted());
        waitUntil(() -> main.repository().snapshotProperty().get() != null && main.repository().rows().size() == 4);
        waits().shown("#cleanup-gc"); // the GC command is shown after apply
        assertTrue(main.cleanup().resultTextProperty().get().startsWith("Deleted 3"), main.cleanup().resultTextProperty().get());
        assertFalse(onFx(rules::isExpanded));
        // Heights as laid out for the rows now in the table, not as the last pulse left them.
        FxWaits.layOut(scene);
        javafx.scene.control.TableView<?> table = robot.lookup("#cleanup-table").query();
        double row = onFx(() -> robot.lookup("#cleanup-table .table-row-cell").queryAll().iterator().next().getBoundsInLocal().getHeight());
        double tableHeight = onFx(table::getHeight);
        assertTrue(tableHeight >= 5 * row, "after apply the preview still shows 4 rows and its header: " + tableHeight
                + " px, rows of " + row);
        Screenshots.take(scene, "14-cleanup-applied");
        assertAppliedAsAJob(robot, "Clean up team/app: delete 3 manifests");

        robot.clickOn(waits().<Node>shown("#cleanup-undo")); // laid out again: the jobs panel just closed below it
        waitUntil(() -> main.cleanup().resultTextProperty().get().startsWith("Restored 3"));
        waitUntil(() -> main.repository().snapshotProperty().get() != null && main.repository().rows().size() == 7);
        assertTrue(app.tags().containsAll(List.of("1.1.0", "1.2.0", "1.3.0")), app.tags().toString());
        Screenshots.take(scene, "15-cleanup-undone");
        watchdog.assertNoStall();
    }

    @Test
    void cleanUpANamespaceFromTheTree(FxRobot robot) throws Exception {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        for (String repository : List.of("team/api", "team/web")) {
            int seed = repository.endsWith("api") ? 10 : 20;
            for (int i = 1; i <= 3; i++) {
                seeder.pushImage(repository, "1." + i, TestImages.image().seed(seed + i).layerSizes(50_000 + i)
                        .created(Instant.parse("2025-0" + i + "-01T10:00:00Z")).build());
            }
        }
        seeder.pushImage("other", "v1", 99, 100);
        RegistryNode node = onFx(() -> main.addConnected("local", registry.hostPort(),
                new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false))));
        waitUntil(() -> node.stateProperty().get() == LoadState.LOADED && node.repository("team/web").isPresent());
        waitUntil(() -> robot.lookup(".tree-cell .label").queryAll().stream()
                .anyMatch(l -> "team".equals(((javafx.scene.control.Label) l).getText())));

        // The folder row's own context menu item, fired directly: a headless robot cannot open popup menus reliably.
        // Found and fired in one FX call, among the cells on screen (the tree keeps spare cells, and relays out as counts come).
        onFx(() -> {
            javafx.scene.control.TreeCell<?> folder = robot.lookup(".tree-cell").queryAll().stream()
                    .map(c -> (javafx.scene.control.TreeCell<?>) c).filter(CleanupFlowTest::showing)
                    .filter(c -> c.lookupAll(".label").stream().anyMatch(l -> "team".equals(((javafx.scene.control.Label) l).getText())))
                    .findFirst().orElseThrow();
            folder.getContextMenu().getItems().stream().filter(i -> "tree-cleanup-namespace".equals(i.getId())).findFirst()
                    .orElseThrow().fire();
            return null;
        });
        waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.CLEANUP);
        assertEquals("team/", main.cleanup().targetProperty().get().label());
        Node preview = waits().shown("#cleanup-preview"); // the pane scrolls: its content joins the scene with the scroll pane's skin
        onFx(() -> {
            main.cleanup().form().useKeepLastProperty().set(true);
            main.cleanup().form().keepLastProperty().set(1);
            main.cleanup().form().protectProperty().set("");
            return null;
        });
        robot.clickOn(preview);
        waitUntil(() -> main.cleanup().planProperty().get() != null && !main.cleanup().busyProperty().get());
        assertEquals(List.of("team/api:1.1", "team/api:1.2", "team/web:1.1", "team/web:1.2"), main.cleanup().decisions().stream()
                .filter(TagDecision::deleted).map(d -> d.repository() + ":" + d.tag()).sorted().toList());
        javafx.scene.control.TableView<?> table = waits().shown("#cleanup-table");
        assertTrue(onFx(() -> table.getColumns().getFirst().isVisible()), "the Repository column shows for more than one repository");
        Screenshots.take(scene, "16-cleanup-namespace");
        watchdog.assertNoStall();
    }

    @Test
    void checkThatTagDeletesRemoveOnlyTheTagThenDeleteOneTagOfASharedImageByUntagging(FxRobot robot) throws Exception {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        TestImages.Image shared = seeder.pushImage("team/app", "v1", TestImages.image().seed(61).layerSizes(30_000)
                .created(Instant.parse("2025-01-01T10:00:00Z")).build());
        seeder.tag("team/app", "prod", shared.manifest().bytes(), shared.mediaType());
        seeder.pushImage("team/app", "v2", TestImages.image().seed(62).layerSizes(40_000).created(Instant.parse("2025-02-01T10:00:00Z")).build());
        try (TagDeletingProxy proxy = TagDeletingProxy.start(registry, TagDeletingProxy.Behaviour.REMOVES_TAG_ONLY)) {
            RegistryNode node = onFx(() -> main.addConnected("proxied", proxy.hostPort(),
                    new RegistryClients().connect(ConnectionSettings.of(proxy.hostPort()).withPlainHttp(true, false))));
            waitUntil(() -> node.stateProperty().get() == LoadState.LOADED && node.repository("team/app").isPresent());
            onFx(() -> {
                main.browser().select(Selection.of(node));
                return null;
            });
            Node check = waits().shown("#check-tag-deletion");
            Screenshots.take(scene, "17-tag-delete-check");
            dialogs.answerConfirm(true);
            robot.clickOn(check);
            waitUntil(() -> node.capabilitiesProperty().get().tagDeletion() == dev.berth.registry.Capabilities.TagDeletion.REMOVES_TAG_ONLY
                    && robot.lookup("#tag-deletion-check").tryQuery().isPresent());
            assertTrue(robot.lookup("#check-tag-deletion").tryQuery().isEmpty(), "nothing left to check");
            Screenshots.take(scene, "17-tag-delete-checked");

            RepositoryNode app = node.repository("team/app").orElseThrow();
            onFx(() -> {
                main.browser().select(Selection.of(app));
                return null;
            });
            waitUntil(() -> main.repository().snapshotProperty().get() != null);
            onFx(() -> {
                main.deleteTags(List.of("v1"));
                return null;
            });
            waitUntil(() -> main.cleanup().planProperty().get() != null && !main.cleanup().busyProperty().get());
            assertEquals(List.of("v1"), main.cleanup().decisions().stream().filter(TagDecision::untagged).map(TagDecision::tag).toList());
            assertTrue(main.cleanup().decisions().stream().noneMatch(TagDecision::deleted), "prod keeps the image: nothing is deleted");
            waitUntil(() -> robot.lookup("#cleanup-table .table-cell").queryAll().stream()
                    .anyMatch(c -> "untag".equals(((javafx.scene.control.Labeled) c).getText())));
            Screenshots.take(scene, "18-cleanup-untag");

            dialogs.answerConfirm(true);
            robot.clickOn(waits().<Node>shown("#cleanup-apply"));
            waitUntil(() -> main.cleanup().resultProperty().get() != null && !main.cleanup().busyProperty().get());
            assertEquals(1, main.cleanup().resultProperty().get().untagged());
            waitUntil(() -> app.tags().stream().sorted().toList().equals(List.of("prod", "v2")));
            assertEquals(List.of("team/app:v1"), proxy.tagDeletes().stream().filter(t -> !t.contains(":berth-")).toList());
            watchdog.assertNoStall();
        }
    }

    /**
     * The chart against the plan: each image (of the snapshot the tag table loaded) in its age bracket, in the
     * deleted series when the plan deletes its digest; the tooltips give the exact figures.
     */
    private void assertChartShows(StackedBarChart<String, Number> chart, CleanupPlan plan, RepositorySnapshot snapshot) throws Exception {
        java.util.Set<Digest> deleted = plan.deletions().stream().map(ManifestDeletion::digest).collect(java.util.stream.Collectors.toSet());
        Map<String, Long> kept = new HashMap<>();
        Map<String, Long> gone = new HashMap<>();
        Map<String, Digest> byTag = new HashMap<>();
        snapshot.tags().forEach(t -> byTag.put(t.tag(), t.digest()));
        Map<String, Age> bracketOfTag = Map.of("1.1.0", Age.OLDER, "1.2.0", Age.YEAR, "1.3.0", Age.HALF_YEAR,
                "1.4.0", Age.QUARTER, "1.5.0", Age.MONTH, "pr-17", Age.OLDER);
        bracketOfTag.forEach((tag, bracket) -> {
            Digest digest = byTag.get(tag);
            (deleted.contains(digest) ? gone : kept).merge(bracket.shortLabel(), snapshot.image(digest).orElseThrow().size(), Long::sum);
        });
        assertEquals(java.util.Set.of("> 1 yr", "6–12 mo", "3–6 mo"), gone.keySet(), "the plan deletes 1.1.0, 1.2.0 and 1.3.0");
        onFx(() -> {
            assertEquals(List.of("kept", "would be deleted"), chart.getData().stream().map(XYChart.Series::getName).toList());
            for (int series = 0; series < 2; series++) {
                Map<String, Long> expected = series == 0 ? kept : gone;
                for (XYChart.Data<String, Number> bar : chart.getData().get(series).getData()) {
                    assertEquals(expected.getOrDefault(bar.getXValue(), 0L), bar.getYValue().longValue(),
                            chart.getData().get(series).getName() + " " + bar.getXValue());
                }
            }
            XYChart.Data<String, Number> oldestGone = chart.getData().get(1).getData().stream()
                    .filter(d -> d.getXValue().equals("> 1 yr")).findFirst().orElseThrow();
            Tooltip tip = (Tooltip) oldestGone.getNode().getProperties().get("javafx.scene.control.Tooltip");
            assertEquals("> 1 year: 1 image would be deleted, " + ByteSize.format(gone.get("> 1 yr")) + " ("
                    + String.format(java.util.Locale.ROOT, "%,d", gone.get("> 1 yr")) + " bytes)", tip.getText());
            return null;
        });
    }

    /** Shown on screen: the node and every parent visible. */
    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) return false;
        }
        return node.getScene() != null;
    }

    private FxWaits waits() {
        return new FxWaits(scene, "cleanup", 30);
    }

    private <T> T onFx(Callable<T> value) throws Exception {
        return WaitForAsyncUtils.asyncFx(value).get(10, TimeUnit.SECONDS);
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(onFx(condition)));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met; see " + Screenshots.take(scene, "cleanup-timeout-" + System.nanoTime()), e);
        }
    }
}
