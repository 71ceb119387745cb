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

    /** The words of a real TLS failure (TlsFailureTranslator's untrusted-certificate message with its fix): long, and all of it matters. */
    private static final String LONG_TLS_ERROR = "The secure connection failed: the server's certificate for registry.internal.example.com:5000 "
            + "is signed by a certificate authority this machine does not trust (PKIX path building failed: unable to find valid "
            + "certification path to requested target). Choose the registry's CA certificate (PEM) under CA certificate, or add it to "
            + "the system trust store; /etc/ssl/team-ca.pem did not contain the issuer of this certificate (CN=Team Intermediate CA 2, "
            + "O=Example Corp). If the registry uses a self-signed certificate, use that certificate itself as the CA file.";

    private ConnectionDialog dialog;
    private java.util.function.Function<ConnectionDraft, String> answer = draft -> "Connected to " + draft.host() + " as " + draft.username();

    @Start
    void start(Stage stage) {
        dialog = new ConnectionDialog(null, new ConnectionDraft("team", "localhost:5000", AuthMode.PASSWORD, "alice", "",
                Optional.of(Path.of("/etc/ssl/team-ca.pem")), Optional.empty(), Optional.empty(), false, false), "Edit team",
                (draft, verdict) -> verdict.accept(answer.apply(draft)));
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

    @Test
    void aLongTlsErrorWrapsAndIsShownInFull(FxRobot robot) throws Exception {
        answer = draft -> LONG_TLS_ERROR;
        robot.clickOn("#connection-test");
        Label verdict = robot.lookup("#connection-test-result").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> LONG_TLS_ERROR.equals(verdict.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.take(dialog.getDialogPane().getScene(), "11b-connection-dialog-tls-error");

        assertEquals(java.util.List.of(), WaitForAsyncUtils.asyncFx(() -> Truncation.elided(dialog.getDialogPane())).get(5, TimeUnit.SECONDS),
                "every word of the error is shown");
        javafx.stage.Window window = dialog.getDialogPane().getScene().getWindow();
        double screen = javafx.stage.Screen.getPrimary().getVisualBounds().getHeight();
        assertTrue(window.getHeight() <= screen, "the dialog grew within the screen: " + window.getHeight() + " of " + screen);
    }
}
