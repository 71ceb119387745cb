package dev.berth.ui;

import dev.berth.ui.browser.Selection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.demo.DemoImages;
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
import dev.berth.connection.ConnectionService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * First start with no registry and no network: the welcome pane offers the demo, which opens as a
 * connection; a repository is browsed and a tag's details read. Also "Open folder…" on a layout
 * folder chosen in the (scripted) directory chooser.
 */
@ExtendWith(ApplicationExtension.class)
class DemoFlowTest {

    @TempDir
    static Path work;

    private final FxWatchdog watchdog = new FxWatchdog();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private Path config;
    private MainViewModel main;
    private Scene scene;
    private FxUiExecutor executor;

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        config = work.resolve("config-" + System.nanoTime());
        ConnectionService connections = TestConnections.inMemory(config);
        AppServices services = new AppServices(executor, activity, dialogs, connections, dev.berth.browse.SummaryCache.inMemory(),
                new dev.berth.cleanup.Journal(work.resolve("journal-" + System.nanoTime())));
        main = services.main();
        MainView view = new MainView(main, activity, services.notifications());
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
    void firstStartOpensTheDemoBrowsesARepositoryAndATag(FxRobot robot) throws Exception {
        Button demo = robot.lookup("#welcome-demo").queryButton();
        assertTrue(demo.isDefaultButton(), "with no connections the demo is the way in");
        Screenshots.take(scene, "demo-01-first-start");

        robot.clickOn("#welcome-demo");
        RegistryNode node = waitFor(() -> main.browser().registries().stream().findFirst()
                .filter(r -> r.stateProperty().get() == LoadState.LOADED).orElse(null));
        waitUntil(() -> node.repositories().size() == DemoImages.repositories().size());
        assertEquals("Demo", node.displayName());
        assertTrue(Files.isRegularFile(config.resolve("demo/team/api/oci-layout")), "written into the app's config directory");
        Screenshots.take(scene, "demo-02-opened");

        RepositoryNode api = node.repository("team/api").orElseThrow();
        runFx(() -> main.browser().select(Selection.of(api)));
        waitUntil(() -> !main.repository().loadingProperty().get() && main.repository().rows().size() == 9
                && main.repository().rows().stream().allMatch(r -> r.sizeProperty().get() > 0));
        TableView<TagRow> table = new FxWaits(scene, "demo", 20).shown("#tag-table");
        TagRow latest = onFx(() -> table.getItems().stream().filter(r -> r.tag().equals("latest")).findFirst().orElseThrow());
        assertEquals("1.2.0", latest.alsoTaggedAsProperty().get());
        Screenshots.take(scene, "demo-03-team-api-tags");

        runFx(() -> main.browser().select(Selection.of(api, "latest")));
        waitUntil(() -> main.details().contentProperty().get() != null);
        assertEquals(2, main.details().contentProperty().get().layers().size());
        Screenshots.take(scene, "demo-04-tag-details");

        runFx(() -> main.browser().select(Selection.of(node.repository("library/alpine").orElseThrow(), "latest")));
        waitUntil(() -> main.details().contentProperty().get() != null && main.details().contentProperty().get().details().isIndex());
        assertEquals(2, main.details().contentProperty().get().details().platforms().size());
        Screenshots.take(scene, "demo-05-multi-arch");
        watchdog.assertNoStall();
    }

    @Test
    void openFolderOpensALayoutFolderAsAConnection(FxRobot robot) throws Exception {
        Path folder = work.resolve("layouts-" + System.nanoTime());
        DemoImages.write(folder);
        dialogs.answerFile(folder.resolve("team"));
        robot.clickOn("#welcome-open-folder");
        RegistryNode node = waitFor(() -> main.browser().registries().stream().findFirst()
                .filter(r -> r.stateProperty().get() == LoadState.LOADED).orElse(null));
        waitUntil(() -> node.repositories().size() == 3);
        assertTrue(dialogs.asked.contains("folder: Open a folder of OCI image layouts"), dialogs.asked.toString());
        assertEquals("team", node.displayName());
        Screenshots.take(scene, "demo-06-open-folder");
        watchdog.assertNoStall();
    }

    @Test
    void aFolderWithoutLayoutsIsRefusedInWords(FxRobot robot) throws Exception {
        Path empty = Files.createDirectories(work.resolve("nothing-" + System.nanoTime()));
        dialogs.answerFile(empty);
        robot.clickOn("#welcome-open-folder");
        waitUntil(() -> robot.lookup("#notifications .message").tryQuery().isPresent());
        assertTrue(main.browser().registries().isEmpty());
        Screenshots.take(scene, "demo-07-no-layouts");
    }

    private <T> T waitFor(Callable<T> value) throws Exception {
        return new FxWaits(scene, "demo", 20).waitFor(value);
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        new FxWaits(scene, "demo", 20).waitUntil(condition);
    }

    private static <T> T onFx(Callable<T> callable) throws Exception {
        return FxWaits.onFx(callable);
    }

    private static void runFx(Runnable action) {
        FxWaits.runFx(action);
    }
}
