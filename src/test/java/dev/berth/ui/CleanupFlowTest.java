package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.SummaryCache;
import dev.berth.cleanup.Journal;
import dev.berth.cleanup.TagDecision;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClients;
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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
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

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        AppServices services = new AppServices(executor, activity, dialogs, TestConnections.inMemory(work.resolve("config")),
                SummaryCache.inMemory(), new Journal(work.resolve("journal")));
        main = services.main();
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        scene = new Scene(new MainView(main, activity, services.notifications()), 1280, 800);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
        if (registry != null) registry.close();
    }

    @Test
    void composeRulePreviewApplyAndUndo(FxRobot robot) throws Exception {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        TestImages.Image base = null;
        for (int i = 1; i <= 5; i++) {
            TestImages.Image image = seeder.pushImage("team/app", "1." + i + ".0", TestImages.image().seed(i).layerSizes(100_000 + i, 20_000)
                    .created(Instant.parse("2025-0" + i + "-01T10:00:00Z")).build());
            if (i == 5) base = image;
        }
        seeder.tag("team/app", "latest", base.manifest().bytes(), base.mediaType());
        seeder.pushImage("team/app", "pr-17", TestImages.image().seed(40).layerSizes(5_000).created(Instant.parse("2024-12-01T00:00:00Z")).build());

        RegistryNode node = onFx(() -> main.addConnected("local", registry.hostPort(),
                new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false))));
        waitUntil(() -> node.stateProperty().get() == LoadState.LOADED && node.repository("team/app").isPresent());
        RepositoryNode app = node.repository("team/app").orElseThrow();
        onFx(() -> {
            main.browser().selectionProperty().set(app);
            return null;
        });
        waitUntil(() -> main.repository().snapshotProperty().get() != null);

        robot.clickOn("#open-cleanup");
        waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.CLEANUP);
        Screenshots.take(scene, "12-cleanup-rules");
        TextField protect = robot.lookup("#rule-protect").query();
        onFx(() -> {
            main.cleanup().form().keepLastProperty().set(2);
            protect.setText("latest|pr-.*");
            return null;
        });
        robot.clickOn("#cleanup-preview");
        waitUntil(() -> main.cleanup().planProperty().get() != null);
        List<String> deleted = main.cleanup().decisions().stream().filter(TagDecision::deleted).map(TagDecision::tag).sorted().toList();
        assertEquals(List.of("1.1.0", "1.2.0", "1.3.0"), deleted, "keep the 2 newest images; latest shares 1.5.0; pr-17 protected");
        assertTrue(main.cleanup().summaryProperty().get().contains("at least"), main.cleanup().summaryProperty().get());
        Screenshots.take(scene, "13-cleanup-preview");

        dialogs.answerConfirm(true);
        robot.clickOn("#cleanup-apply");
        waitUntil(() -> main.cleanup().resultProperty().get() != null && !main.cleanup().busyProperty().get());
        assertEquals(3, main.cleanup().resultProperty().get().deleted());
        waitUntil(() -> main.repository().snapshotProperty().get() != null && main.repository().rows().size() == 4);
        assertTrue(robot.lookup("#cleanup-gc").query().isVisible(), "the GC command is shown after apply");
        assertTrue(main.cleanup().resultTextProperty().get().startsWith("Deleted 3"), main.cleanup().resultTextProperty().get());
        Screenshots.take(scene, "14-cleanup-applied");

        robot.clickOn("#cleanup-undo");
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
        javafx.scene.control.TreeCell<?> folder = robot.lookup(".tree-cell").queryAll().stream()
                .map(c -> (javafx.scene.control.TreeCell<?>) c)
                .filter(c -> c.lookupAll(".label").stream().anyMatch(l -> "team".equals(((javafx.scene.control.Label) l).getText())))
                .findFirst().orElseThrow();
        onFx(() -> {
            folder.getContextMenu().getItems().stream().filter(i -> "tree-cleanup-namespace".equals(i.getId())).findFirst()
                    .orElseThrow().fire();
            return null;
        });
        waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.CLEANUP);
        assertEquals("team/", main.cleanup().targetProperty().get().label());
        onFx(() -> {
            main.cleanup().form().useKeepLastProperty().set(true);
            main.cleanup().form().keepLastProperty().set(1);
            main.cleanup().form().protectProperty().set("");
            return null;
        });
        robot.clickOn("#cleanup-preview");
        waitUntil(() -> main.cleanup().planProperty().get() != null && !main.cleanup().busyProperty().get());
        assertEquals(List.of("team/api:1.1", "team/api:1.2", "team/web:1.1", "team/web:1.2"), main.cleanup().decisions().stream()
                .filter(TagDecision::deleted).map(d -> d.repository() + ":" + d.tag()).sorted().toList());
        javafx.scene.control.TableView<?> table = robot.lookup("#cleanup-table").query();
        assertTrue(table.getColumns().getFirst().isVisible(), "the Repository column shows for more than one repository");
        Screenshots.take(scene, "16-cleanup-namespace");
        watchdog.assertNoStall();
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
