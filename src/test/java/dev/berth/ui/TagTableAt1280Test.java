package dev.berth.ui;

import dev.berth.ui.browser.Selection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.ui.app.AppServices;
import dev.berth.ui.app.MainView;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.LoadState;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.TagRow;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.connection.ConnectionDraft;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
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

/** The tag table in a 1280×800 window: nothing essential cut short, newest tags first. */
@ExtendWith(ApplicationExtension.class)
class TagTableAt1280Test {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private final FxWatchdog watchdog = new FxWatchdog();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainViewModel main;
    private Scene scene;
    private FxUiExecutor executor;

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        seeder.pushImage("team/app", "1.0.0", TestImages.image().seed(1).layerSizes(3000).created(Instant.parse("2024-01-01T00:00:00Z")).build());
        TestImages.Image newest = seeder.pushImage("team/app", "3.0.0", TestImages.image().seed(3).layerSizes(3000)
                .created(Instant.parse("2025-06-01T00:00:00Z")).build());
        seeder.pushImage("team/app", "2.0.0", TestImages.image().seed(2).layerSizes(3000).created(Instant.parse("2024-09-01T00:00:00Z")).build());
        seeder.tag("team/app", "a-release-candidate-with-a-long-name", newest.manifest().bytes(), newest.mediaType());
        seeder.pushIndex("team/app", "0-multi", TestImages.multiArch(2, 1000, 500));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        AppServices services = new AppServices(executor, activity, dialogs, TestConnections.inMemory(work.resolve("config")),
                dev.berth.browse.SummaryCache.inMemory(), new dev.berth.cleanup.Journal(work.resolve("journal")));
        main = services.main();
        scene = new Scene(new MainView(main, activity, services.notifications()), 1280, 800);
        MainWindowFlowTest.Application.theme(MainViewModel.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void nothingEssentialIsCutAndTheNewestTagComesFirst(FxRobot robot) throws Exception {
        RegistryNode node = addRegistry(robot);
        RepositoryNode app = node.repository("team/app").orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> main.browser().select(Selection.of(app))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> !main.repository().loadingProperty().get()
                && main.repository().rows().size() == 5 && main.repository().rows().stream().allMatch(r -> r.sizeProperty().get() > 0)));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(scene, "tag-table-1280x800");

        TableView<TagRow> table = waits().shown("#tag-table");
        List<String> order = onFx(() -> table.getItems().stream().map(TagRow::tag).toList());
        assertEquals(List.of("3.0.0", "a-release-candidate-with-a-long-name"), order.subList(0, 2).stream().sorted().toList(),
                "newest first: " + order);
        assertEquals(List.of("2.0.0", "0-multi", "1.0.0"), order.subList(2, 5), "then older: " + order);
        assertEquals("col-created", onFx(() -> table.getSortOrder().getFirst().getId()));
        assertEquals(TableColumn.SortType.DESCENDING, onFx(() -> table.getSortOrder().getFirst().getSortType()));

        // free text (long tag names, many platforms) may be cut in its cell; digests, sizes, dates, titles and buttons may not
        java.util.Set<String> freeText = java.util.Set.of("col-tag", "col-platforms", "col-also");
        assertEquals(List.of(), onFx(() -> Truncation.elided(scene.getRoot(), labeled -> labeled instanceof javafx.scene.control.TableCell<?, ?> cell
                && cell.getTableColumn() != null && freeText.contains(cell.getTableColumn().getId()))),
                "labels, buttons and cells cut short at 1280×800");
        FxWaits.layOut(scene); // column widths as the resize policy gives them at this size
        List<String> narrow = onFx(() -> {
            List<String> found = new ArrayList<>();
            for (TableColumn<TagRow, ?> column : table.getColumns()) {
                double text = new Text(column.getText()).getLayoutBounds().getWidth();
                if (column.getWidth() < text + 24) found.add(column.getText() + " is " + column.getWidth() + " px for " + text + " px of title");
            }
            return found;
        });
        assertEquals(List.of(), narrow, "columns too narrow for their titles");

        assertEquals(5, onFx(() -> {
            table.getSortOrder().clear();
            return table.getItems().size();
        }), "registry order is still there, by clearing the sort");
        watchdog.assertNoStall();
    }

    @Test
    void theBreadcrumbAndBackForwardGoWhereThePersonWasAndTheTreeFollows(FxRobot robot) throws Exception {
        RegistryNode node = addRegistry(robot);
        RepositoryNode app = node.repository("team/app").orElseThrow();
        var tag = Selection.of(app, "2.0.0");
        WaitForAsyncUtils.asyncFx(() -> main.browser().select(Selection.of(app))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> main.browser().select(tag)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> main.details().contentProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(scene, "breadcrumb-tag");

        // The bar makes its buttons for the new selection; they get a place on the next layout pass.
        List<String> crumbs = waits().waitFor(() -> {
            FxWaits.layOutNow(scene);
            List<String> texts = robot.lookup("#breadcrumb .button").queryAllAs(javafx.scene.control.ButtonBase.class).stream()
                    .map(javafx.scene.control.ButtonBase::getText).toList();
            return texts.contains("2.0.0") ? texts : null;
        });
        assertEquals(List.of(node.displayName(), "team", "app", "2.0.0"), crumbs);

        javafx.scene.control.ButtonBase repositoryCrumb = onFx(() -> robot.lookup("#breadcrumb .button")
                .queryAllAs(javafx.scene.control.ButtonBase.class).stream().filter(b -> "app".equals(b.getText())).findFirst().orElseThrow());
        robot.clickOn(repositoryCrumb);
        leaves(tag);
        assertEquals(Selection.of(app), onFx(() -> main.browser().selectionProperty().get()), "the crumb opened the repository");
        assertEquals(MainViewModel.Pane.REPOSITORY, onFx(() -> main.paneProperty().get()));

        robot.press(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.LEFT).release(javafx.scene.input.KeyCode.LEFT,
                javafx.scene.input.KeyCode.ALT);
        leaves(Selection.of(app));
        assertEquals(tag, onFx(() -> main.browser().selectionProperty().get()), "Alt+Left: back to the tag");
        robot.clickOn("#back");
        leaves(tag);
        assertEquals(Selection.of(app), onFx(() -> main.browser().selectionProperty().get()), "Back: the repository");
        javafx.scene.control.TreeView<?> tree = robot.lookup("#tree").query();
        assertEquals(app, onFx(() -> tree.getSelectionModel().getSelectedItem().getValue()), "the tree follows");
        robot.press(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.RIGHT).release(javafx.scene.input.KeyCode.RIGHT,
                javafx.scene.input.KeyCode.ALT);
        leaves(Selection.of(app));
        assertEquals(tag, onFx(() -> main.browser().selectionProperty().get()), "Alt+Right: forward to the tag");
        assertEquals(MainViewModel.Pane.TAG, onFx(() -> main.paneProperty().get()));
        Screenshots.take(scene, "breadcrumb-after-forward");
        watchdog.assertNoStall();
    }

    /** Adds the test registry through the welcome pane and waits for its catalog. */
    private RegistryNode addRegistry(FxRobot robot) throws Exception {
        dialogs.answerConnection(draft -> ConnectionDraft.of(registry.hostPort()));
        robot.clickOn("#welcome-add");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> main.browser().registries().stream()
                .anyMatch(r -> r.stateProperty().get() == LoadState.LOADED)));
        return main.browser().registries().getFirst();
    }

    /** Waits for a click or key to take the selection away from {@code before}; the caller asserts where it went. */
    private void leaves(Selection before) throws Exception {
        waits().waitUntil(() -> !main.browser().selectionProperty().get().equals(before));
    }

    private FxWaits waits() {
        return new FxWaits(scene, "tag-table", 60);
    }

    static <T> T onFx(java.util.concurrent.Callable<T> value) throws Exception {
        return WaitForAsyncUtils.asyncFx(value).get(10, TimeUnit.SECONDS);
    }
}
