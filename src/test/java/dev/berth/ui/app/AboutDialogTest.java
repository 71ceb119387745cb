package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ui.Screenshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The About dialog shows the version, every place Berth keeps files (as selectable text) and the licences. */
@ExtendWith(ApplicationExtension.class)
class AboutDialogTest {

    private Alert alert;

    @Start
    void start(Stage stage) {
        alert = AboutDialog.show(null, AboutInfo.of("Linux", Map.of("XDG_STATE_HOME", "/var/state/ann"), Path.of("/users/ann")));
    }

    @Test
    void showsVersionPlacesAndLicences(FxRobot robot) {
        assertEquals("Berth " + System.getProperty("berth.expectedVersion"), alert.getHeaderText());
        GridPane places = robot.lookup("#about-places").query();
        List<String> paths = places.getChildren().stream().filter(TextField.class::isInstance).map(n -> ((TextField) n).getText()).toList();
        assertEquals(List.of("/users/ann/.config/berth", "/users/ann/.local/share/berth/journal", "/users/ann/.cache/berth",
                "/var/state/ann/berth/logs"), paths);
        GridPane libraries = robot.lookup("#about-libraries").query();
        List<String> texts = libraries.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        assertTrue(texts.contains("Logback") && texts.contains("EPL-1.0 or LGPL-2.1"), texts.toString());
        Screenshots.take(alert.getDialogPane().getScene(), "about-dialog");
    }
}
