package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.browse.CatalogLoader;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.Selection;
import dev.berth.ui.browser.SelectionPlace;
import dev.berth.ui.common.SyncUiExecutor;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window's selection is saved when it closes and selected again at the next start, with a real registry. */
@ExtendWith(ApplicationExtension.class)
class LastSelectionTest {

    @TempDir
    Path work;

    private Stage stage;
    private RegistryServer registry;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Pane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void close() {
        if (registry != null) registry.close();
    }

    @Test
    void theSelectionComesBackAfterARestart(FxRobot robot) throws Exception {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder.of(registry).pushImage("team/app", "1.0", 1, 100);
        RegistrySeeder.of(registry).pushImage("solo", "v1", 2, 100);
        LastSelectionFile file = new LastSelectionFile(work.resolve(LastSelectionFile.NAME));
        file.save(Optional.of(new SelectionPlace("saved-1", Optional.of("solo"), Optional.empty())));
        // The browser loads on the calling thread here (the FX thread): the test is about the file and the window, not threads.
        BrowserViewModel browser = new BrowserViewModel(new SyncUiExecutor(), message -> { }, CatalogLoader.Options.defaults());

        robot.interact(() -> LastSelection.keep(stage, browser, file));
        RegistryNode node = WaitForAsyncUtils.asyncFx(() -> browser.addRegistry("saved-1", "local", registry.hostPort(),
                new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false)))).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> browser.selectionProperty().get().equals(Selection.of(node.repository("solo").orElseThrow())));

        robot.interact(() -> {
            browser.select(Selection.of(node.repository("team/app").orElseThrow(), "1.0"));
            stage.hide();
        });
        SelectionPlace expected = new SelectionPlace("saved-1", Optional.of("team/app"), Optional.of("1.0"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> file.load().equals(Optional.of(expected)));
        assertEquals(Optional.of(expected), file.load());
    }
}
