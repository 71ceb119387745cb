package dev.berth.ui;

import dev.berth.ui.browser.Selection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.ui.app.AppServices;
import dev.berth.ui.app.MainView;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.LoadState;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.TagRow;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.connection.ConnectionDraft;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
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
 * The everyday flows in the real window against real registries: add a connection, browse the
 * tree, filter, read a tag table and a tag's details, paste a reference, fix an auth error, switch
 * theme. Every step writes a screenshot, and our code must never stall the FX thread (see FxWatchdog).
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFlowTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static RegistryServer secured;
    private static TestImages.Image current;
    private static TestImages.Index multi;

    private final FxWatchdog watchdog = new FxWatchdog();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainViewModel main;
    private Scene scene;
    private FxUiExecutor executor;

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        seeder.pushImage("team/app", "1.2.0", TestImages.image().seed(1).layerSizes(300_000, 40_000)
                .created(Instant.parse("2024-02-10T09:00:00Z")).build());
        seeder.pushImage("team/app", "1.3.0", TestImages.image().seed(2).layerSizes(310_000, 42_000)
                .created(Instant.parse("2024-09-01T09:00:00Z")).build());
        current = seeder.pushImage("team/app", "1.4.0", TestImages.image().seed(3).layerSizes(320_000, 45_000, 9_000)
                .created(Instant.parse("2025-05-20T14:30:00Z")).label("org.opencontainers.image.title", "app").build());
        seeder.tag("team/app", "latest", current.manifest().bytes(), current.mediaType());
        seeder.tag("team/app", "stable", current.manifest().bytes(), current.mediaType());
        multi = seeder.pushIndex("team/multi", "v1", TestImages.multiArch(4, 120_000, 60_000));
        for (String name : List.of("infra/proxy", "infra/dns", "infra/metrics/exporter", "ml/trainer", "ml/serving", "web/frontend",
                "web/backend", "tools/ci-runner", "base/alpine", "base/debian")) {
            seeder.pushImage(name, "v1", name.hashCode(), 50_000);
        }
        secured = RegistryServer.builder(work).htpasswd("alice", "s3cret").start();
        RegistrySeeder.of(secured).withAuthorization(RegistrySeeder.basic("alice", "s3cret")).pushImage("private/app", "v1", 9, 1000);
    }

    @AfterAll
    static void stop() {
        registry.close();
        secured.close();
    }

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        AppServices services = new AppServices(executor, activity, dialogs, TestConnections.inMemory(work.resolve("config-" + System.nanoTime())),
                dev.berth.browse.SummaryCache.inMemory(), new dev.berth.cleanup.Journal(work.resolve("journal-" + System.nanoTime())));
        main = services.main();
        MainView view = new MainView(main, activity, services.notifications());
        scene = new Scene(view, 1280, 800);
        main.themeProperty().addListener((obs, old, theme) -> Application.theme(theme));
        Application.theme(MainViewModel.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void addBrowseFilterInspectAndSwitchTheme(FxRobot robot) throws Exception {
        Screenshots.take(scene, "01-welcome");
        assertTrue(robot.lookup("#welcome-add").tryQuery().isPresent());

        dialogs.answerConnection(draft -> ConnectionDraft.of(registry.hostPort()));
        robot.clickOn("#welcome-add");
        RegistryNode node = waitFor(() -> main.browser().registries().stream().findFirst()
                .filter(r -> r.stateProperty().get() == LoadState.LOADED).orElse(null));
        waitUntil(() -> node.repositories().size() == 12 && node.repository("team/app").orElseThrow().tagCountProperty().get() == 5);
        assertEquals(MainViewModel.Pane.REGISTRY, main.paneProperty().get());
        // The badges come with the registry's capabilities, which the overview shows on its next update.
        Label badges = waits().shown("#capability-badges .badge");
        assertNotNull(badges);
        Screenshots.take(scene, "02-registry-overview");

        javafx.scene.control.TextField filter = robot.lookup("#tree-filter").query();
        robot.clickOn(filter);
        runFx(() -> filter.setText("infra"));
        waitUntil(() -> visibleTreeText(robot).contains("proxy") && !visibleTreeText(robot).contains("frontend"));
        Screenshots.take(scene, "03-tree-filtered");
        runFx(filter::clear);
        waitUntil(() -> visibleTreeText(robot).contains("web"));

        RepositoryNode app = node.repository("team/app").orElseThrow();
        runFx(() -> main.browser().select(Selection.of(app)));
        waitUntil(() -> !main.repository().loadingProperty().get() && main.repository().rows().size() == 5
                && main.repository().rows().stream().allMatch(r -> r.sizeProperty().get() > 0));
        TableView<TagRow> table = waits().shown("#tag-table");
        TableColumn<TagRow, ?> created = table.getColumns().stream().filter(c -> "col-created".equals(c.getId())).findFirst().orElseThrow();
        runFx(() -> {
            created.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(created));
        });
        List<String> sorted = onFx(() -> table.getItems().stream().map(TagRow::tag).toList());
        assertEquals(List.of("1.4.0", "latest", "stable"), sorted.subList(0, 3).stream().sorted().toList(), sorted.toString());
        assertEquals("1.2.0", sorted.get(4));
        TagRow latest = table.getItems().stream().filter(r -> r.tag().equals("latest")).findFirst().orElseThrow();
        assertEquals("1.4.0, stable", latest.alsoTaggedAsProperty().get());
        assertEquals(current.totalSize(), latest.sizeProperty().get());
        Screenshots.take(scene, "04-tag-table-by-created");

        // focus without a click: a click lands on whichever row is under the table's centre and selects it instead
        runFx(() -> {
            table.getSelectionModel().clearAndSelect(table.getItems().indexOf(latest));
            table.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> main.details().contentProperty().get() != null);
        assertEquals(3, main.details().contentProperty().get().layers().size());
        assertEquals(3, main.details().contentProperty().get().layers().getFirst().sharedByTags(), "1.4.0, latest, stable share it");
        selectTab(robot, "tab-layers");
        waitUntil(() -> robot.lookup("#layers-table .column-header .label").tryQuery().isPresent());
        Screenshots.take(scene, "05-tag-details-layers");
        // Digests and media types are free text a column may cut; a header never ("Shared by" read "Shar…" at 1280×800).
        assertEquals(List.of(), onFx(() -> Truncation.elided((javafx.scene.Parent) scene.lookup("#layers-table"),
                cell -> cell.getText().startsWith("sha256:") || cell.getText().startsWith("application/"))), "the layers table's headers");
        selectTab(robot, "tab-history");
        Screenshots.take(scene, "06-tag-details-history");

        typeInSearch(robot, registry.hostPort() + "/team/multi:v1");
        waitUntil(() -> main.details().contentProperty().get() != null
                && main.details().contentProperty().get().details().isIndex());
        assertEquals(multi.digest(), main.details().contentProperty().get().details().digest().toString());
        assertEquals(2, main.details().contentProperty().get().details().platforms().size());
        selectTab(robot, "tab-platforms");
        Screenshots.take(scene, "07-multi-arch-platforms");

        robot.clickOn("#theme");
        waitUntil(() -> main.themeProperty().get() == MainViewModel.Theme.DARK);
        runFx(() -> main.browser().select(Selection.of(app)));
        waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.REPOSITORY);
        Screenshots.take(scene, "08-dark-tag-table");
        robot.clickOn("#theme");
        // The stylesheet is the JVM's, not this window's: the next test class must not start dark.
        waitUntil(() -> main.themeProperty().get() == MainViewModel.Theme.LIGHT);

        watchdog.assertNoStall();
        assertTrue(watchdog.callbacks() > 10, "the watchdog saw our callbacks: " + watchdog.callbacks());
    }

    @Test
    void authErrorIsShownWhereItHappenedAndCanBeFixed(FxRobot robot) throws Exception {
        dialogs.answerConnection(draft -> ConnectionDraft.of(secured.hostPort()));
        robot.clickOn("#welcome-add");
        RegistryNode node = waitFor(() -> main.browser().registries().stream().findFirst()
                .filter(r -> r.stateProperty().get() == LoadState.FAILED).orElse(null));
        assertTrue(node.problemProperty().get().offersCredentialFix(), node.problemProperty().get().toString());
        Node fix = waits().shown("#fix-connection");
        waits().shown("#notifications .message"); // a notification was shown
        Screenshots.take(scene, "09-auth-error");

        dialogs.answerConnection(draft -> new ConnectionDraft("private", draft.address(), dev.berth.connection.AuthMode.PASSWORD,
                "alice", "s3cret", Optional.empty(), Optional.empty(), Optional.empty(), false, false));
        robot.clickOn(fix);
        waitUntil(() -> node.stateProperty().get() == LoadState.LOADED && node.repositories().size() == 1);
        assertEquals(null, node.problemProperty().get());
        Screenshots.take(scene, "10-auth-fixed");
        watchdog.assertNoStall();
    }

    @Test
    void pastingAReferenceForAnUnknownRegistryOffersAConnection(FxRobot robot) throws Exception {
        dialogs.answerConfirm(true).answerConnection(draft -> draft);
        typeInSearch(robot, registry.hostPort() + "/team/app:1.3.0");
        waitUntil(() -> main.details().contentProperty().get() != null);
        assertEquals("team/app", main.details().contentProperty().get().details().repository());
        assertTrue(dialogs.asked.getFirst().startsWith("confirm: No connection for " + registry.hostPort()), dialogs.asked.toString());
        assertFalse(main.browser().registries().isEmpty());
        watchdog.assertNoStall();
    }

    /** Puts the text in the real search field and presses Enter there (typing char by char is flaky under load). */
    private static void typeInSearch(FxRobot robot, String text) {
        javafx.scene.control.TextField search = robot.lookup("#search").query();
        robot.clickOn(search);
        runFx(() -> search.setText(text));
        robot.type(javafx.scene.input.KeyCode.ENTER);
    }

    private String describeTree() {
        TreeView<?> tree = (TreeView<?>) scene.lookup("#tree");
        StringBuilder text = new StringBuilder("rows=" + tree.getExpandedItemCount() + " root=" + tree.getRoot().getChildren().size());
        tree.getRoot().getChildren().forEach(r -> text.append(" [").append(r.getValue()).append(" expanded=").append(r.isExpanded())
                .append(" children=").append(r.getChildren().size()).append("]"));
        return text.toString();
    }

    private void selectTab(FxRobot robot, String id) throws Exception {
        javafx.scene.control.TabPane tabs = waits().shown("#details-tabs");
        javafx.scene.control.Tab tab = tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no tab " + id + " in " + tabs.getTabs()));
        runFx(() -> tabs.getSelectionModel().select(tab));
    }

    private static String visibleTreeText(FxRobot robot) {
        TreeView<?> tree = robot.lookup("#tree").query();
        return robot.lookup("#tree .tree-cell").queryAll().stream().map(n -> ((javafx.scene.control.TreeCell<?>) n))
                .filter(c -> c.getItem() != null).map(c -> String.valueOf(c.getGraphic() == null ? c.getText()
                        : ((javafx.scene.layout.HBox) c.getGraphic()).getChildren().stream().filter(Label.class::isInstance)
                                .map(l -> ((Label) l).getText()).toList()))
                .reduce(tree.getId(), (a, b) -> a + " " + b);
    }

    private FxWaits waits() {
        return new FxWaits(scene, "main-window", 20);
    }

    <T> T waitFor(Callable<T> value) throws Exception {
        Object[] holder = new Object[1];
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> (holder[0] = onFx(value)) != null);
        @SuppressWarnings("unchecked") T result = (T) holder[0];
        return result;
    }

    /** Waits for {@code condition}; on timeout, a screenshot of the moment shows why. */
    void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(onFx(condition)));
        } catch (java.util.concurrent.TimeoutException e) {
            Path shot = Screenshots.take(scene, "timeout-" + System.nanoTime());
            throw new AssertionError("condition not met within 20 s; see " + shot + "; tree: " + onFx(this::describeTree), e);
        }
    }

    static <T> T onFx(Callable<T> value) throws Exception {
        return WaitForAsyncUtils.asyncFx(value).get(10, TimeUnit.SECONDS);
    }

    static void runFx(Runnable action) {
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(action));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The theme switch as the app does it (ThemeManager is package-private to the app). */
    static final class Application {
        static void theme(MainViewModel.Theme theme) {
            javafx.application.Application.setUserAgentStylesheet(theme == MainViewModel.Theme.DARK
                    ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                    : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        }
    }
}
