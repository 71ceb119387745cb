package dev.berth.ui.app;

import dev.berth.platform.ProcessStart;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * {@code BERTH_EXIT_AFTER_FIRST_WINDOW=1}: print a marker with the time since the process started once the first
 * window is on screen, another once the main view is built and laid out in it, and exit 0 after the second. The
 * installed-package test proves the window opens with it; the start-up benchmark times both (bench/STARTUP.md).
 */
final class SmokeTest {

    static final String VARIABLE = "BERTH_EXIT_AFTER_FIRST_WINDOW";
    /** The window is shown, with the start's placeholder in it (see {@link StartSequence}). Parsed by the benchmark: keep the words. */
    static final String MARKER = "berth: first window shown after ";
    /** The main view is in the window and has had its first layout pass. Parsed by the benchmark: keep the words. */
    static final String READY_MARKER = "berth: main view ready after ";

    private final boolean on;

    private SmokeTest(boolean on) {
        this.on = on;
    }

    static SmokeTest of(Map<String, String> env) {
        return new SmokeTest("1".equals(env.get(VARIABLE)));
    }

    /** Prints {@link #MARKER} once {@code stage} is shown. */
    void watch(Stage stage) {
        if (on) stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(() -> print(MARKER)));
    }

    /**
     * Prints {@link #READY_MARKER} (call it once the main view in {@code scene} is laid out) and exits after the next
     * pulse: by then the main view's first frame has been drawn, so whatever drawing it prints (a JVM warning from
     * the renderer, say) is in the output the installed-package test reads.
     */
    void mainViewReady(Scene scene) {
        if (!on) return;
        print(READY_MARKER);
        scene.addPostLayoutPulseListener(() -> Runtime.getRuntime().halt(0));
        Platform.requestNextPulse();
    }

    private static void print(String marker) {
        System.out.println(marker + ProcessStart.millisSinceStart() + " ms");
        System.out.flush();
    }
}
