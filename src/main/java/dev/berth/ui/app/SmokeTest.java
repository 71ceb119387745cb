package dev.berth.ui.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * {@code BERTH_EXIT_AFTER_FIRST_WINDOW=1}: print a marker with the time since the process started once the
 * first window is on screen, and exit 0. The installed-package test proves the window opens with it; the
 * start-up benchmark times it.
 */
final class SmokeTest {

    static final String VARIABLE = "BERTH_EXIT_AFTER_FIRST_WINDOW";
    static final String MARKER = "berth: first window shown after ";

    private SmokeTest() {}

    static void exitAfterFirstWindow(Stage stage, Map<String, String> env) {
        if (!"1".equals(env.get(VARIABLE))) return;
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(() -> {
            long millis = ProcessHandle.current().info().startInstant()
                    .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
            System.out.println(MARKER + millis + " ms");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }));
    }
}
