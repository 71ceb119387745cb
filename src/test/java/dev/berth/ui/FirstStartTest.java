package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.AuthMode;
import dev.berth.ui.app.AppServices;
import dev.berth.ui.app.MainView;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.ui.connections.ConnectionDialog;
import dev.berth.connection.ConnectionDraft;
import dev.berth.connection.ConnectionService;
import dev.berth.ui.connections.DraftTester;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
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
 * The first start on a machine without a keyring: nothing alarming on the welcome pane; the
 * connection dialog says, in plain words, that a password will be forgotten and what to install —
 * only once a password is about to be remembered.
 */
@ExtendWith(ApplicationExtension.class)
class FirstStartTest {

    @TempDir
    static Path work;

    private final FxWatchdog watchdog = new FxWatchdog();
    private Scene scene;
    private MainViewModel main;
    private FxUiExecutor executor;
    private ConnectionService connections;

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        connections = TestConnections.inMemory(work.resolve("config-" + System.nanoTime()));
        AppServices services = new AppServices(executor, activity, new ScriptedDialogs(), connections,
                dev.berth.browse.SummaryCache.inMemory(), new dev.berth.cleanup.Journal(work.resolve("journal-" + System.nanoTime())));
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
    void theWelcomePaneShowsNoNoteAboutCredentialHelpers(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(main::start).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !connections.passwordStorageNote().isEmpty()); // a keyring probe: a process on a busy machine
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(scene, "first-start-welcome");
        assertTrue(robot.lookup("#notifications .message").tryQuery().isEmpty(), "no notification on first start");
        assertTrue(robot.lookup("#welcome-add").tryQuery().isPresent());
        watchdog.assertNoStall();
    }

    @Test
    void thePasswordNoteShowsOnlyWhenAPasswordIsAboutToBeRemembered(FxRobot robot) throws Exception {
        String note = dev.berth.connection.SecretStores.passwordsForgottenNote("Linux");
        assertTrue(note.contains("until Berth quits") && note.contains("install"), note);
        assertFalse(note.contains("secretservice internals") || note.toLowerCase().contains("exception"), note);
        ConnectionDialog dialog = WaitForAsyncUtils.asyncFx(() -> {
            ConnectionDialog d = new ConnectionDialog(null, ConnectionDraft.of("localhost:5000"), "Add a registry", DraftTester.NONE, note);
            d.show();
            return d;
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Label shown = robot.lookup("#connection-password-note").query();
        assertFalse(shown.isVisible(), "no password asked yet");
        RadioButton password = robot.lookup("#auth-password").query();
        robot.clickOn(password);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(shown.isVisible());
        assertEquals(note, shown.getText());
        assertTrue(shown.getStyleClass().contains("accent") || shown.getStyleClass().contains("text-muted"),
                "information, not an alarm: " + shown.getStyleClass());
        Screenshots.take(dialog.getDialogPane().getScene(), "first-start-password-note");
        assertEquals(java.util.List.of(), WaitForAsyncUtils.asyncFx(() -> Truncation.elided(dialog.getDialogPane())).get(5, TimeUnit.SECONDS),
                "width " + dialog.getDialogPane().getWidth() + " pref " + dialog.getDialogPane().prefWidth(-1) + " max "
                        + dialog.getDialogPane().getMaxWidth());
        WaitForAsyncUtils.asyncFx(dialog::close).get(5, TimeUnit.SECONDS);

        ConnectionDialog persistent = WaitForAsyncUtils.asyncFx(() -> {
            ConnectionDialog d = new ConnectionDialog(null, new ConnectionDraft("", "localhost:5000", AuthMode.PASSWORD, "alice", "",
                    Optional.empty(), Optional.empty(), Optional.empty(), false, false), "Add a registry", DraftTester.NONE, "");
            d.show();
            return d;
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Label none = (Label) persistent.getDialogPane().lookup("#connection-password-note");
        assertFalse(none.isVisible(), "a keyring keeps the password: nothing to say");
        WaitForAsyncUtils.asyncFx(persistent::close).get(5, TimeUnit.SECONDS);
    }
}
