package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.AuthMode;
import dev.berth.ui.connections.ConnectionDialog;
import dev.berth.connection.ConnectionDraft;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The connection form: fields, the plain-HTTP warning, and what it returns. */
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTest {

    private ConnectionDialog dialog;

    @Start
    void start(Stage stage) {
        dialog = new ConnectionDialog(null, new ConnectionDraft("team", "localhost:5000", AuthMode.PASSWORD, "alice", "",
                Optional.of(Path.of("/etc/ssl/team-ca.pem")), Optional.empty(), Optional.empty(), false, false), "Edit team",
                (draft, verdict) -> verdict.accept("Connected to " + draft.host() + " as " + draft.username()));
        dialog.show();
    }

    @Test
    void plainHttpShowsAWarningAndTheDraftCarriesEveryChoice(FxRobot robot) throws Exception {
        Label warning = robot.lookup("#connection-warning").query();
        assertFalse(warning.isVisible());
        CheckBox plain = robot.lookup("#connection-plain-http").query();
        robot.clickOn(plain);
        assertTrue(warning.isVisible());
        TextField secret = robot.lookup("#connection-password").query();
        WaitForAsyncUtils.asyncFx(() -> secret.setText("s3cret")).get(5, TimeUnit.SECONDS);
        TextField certificate = robot.lookup("#connection-client-cert").query();
        TextField key = robot.lookup("#connection-client-key").query();
        WaitForAsyncUtils.asyncFx(() -> {
            certificate.setText("/etc/ssl/alice.crt");
            key.setText("/etc/ssl/alice.key");
        }).get(5, TimeUnit.SECONDS);
        // The warning shown above made the dialog taller: its buttons are clicked where the new layout puts them.
        FxWaits waits = new FxWaits(dialog.getDialogPane().getScene(), "connection-dialog", 20);
        robot.clickOn(waits.<javafx.scene.Node>shown("#connection-test"));
        Label verdict = robot.lookup("#connection-test-result").query();
        assertEquals("Connected to localhost:5000 as alice", FxWaits.onFx(verdict::getText));
        Screenshots.take(dialog.getDialogPane().getScene(), "11-connection-dialog");

        Button save = waits.shown("#connection-save");
        robot.clickOn(save);
        ConnectionDraft draft = dialog.getResult();
        assertEquals("localhost:5000", draft.host());
        assertEquals(AuthMode.PASSWORD, draft.auth());
        assertEquals("s3cret", draft.password());
        assertTrue(draft.plainHttp());
        assertEquals(Optional.of(Path.of("/etc/ssl/team-ca.pem")), draft.caFile());
        assertEquals(Optional.of(new dev.berth.connection.TlsOptions.ClientCertificateFiles.Pem(Path.of("/etc/ssl/alice.crt"),
                Path.of("/etc/ssl/alice.key"))), draft.tlsOptions().clientCertificate());
        assertFalse(draft.toString().contains("s3cret"), draft.toString());
    }
}
