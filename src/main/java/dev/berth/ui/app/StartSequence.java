package dev.berth.ui.app;

import dev.berth.platform.LogDirectory;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The order of Berth's start: the window first, empty, in the theme's background colour; the main view right after
 * the window's first frame. Building and styling the main view takes seconds on a busy machine; the window need not
 * wait for it.
 */
final class StartSequence {

    static final String PLACEHOLDER_ID = "starting";
    static final String FAILURE_ID = "start-failed";
    private static final System.Logger LOG = System.getLogger(StartSequence.class.getName());

    private StartSequence() {}

    /**
     * The window's first scene: nothing but the theme's background. No control and no stylesheet, so neither the
     * theme's stylesheet nor JavaFX's default one is loaded for it.
     */
    static Scene placeholder(MainViewModel.Theme theme) {
        StackPane empty = new StackPane();
        empty.setId(PLACEHOLDER_ID);
        empty.setBackground(Background.fill(ThemeManager.background(theme)));
        return new Scene(empty, ThemeManager.background(theme));
    }

    /**
     * Shows {@code stage} (its scene a {@link #placeholder}), then, once that scene has had its first layout pass (its
     * frame is being drawn), builds the content and puts it in the scene; {@code laidOut} runs after the content's first
     * layout pass.
     */
    static void show(Stage stage, Supplier<? extends Parent> content, Runnable laidOut) {
        Scene scene = stage.getScene();
        afterNextLayout(scene, () -> Platform.runLater(() -> {
            Parent built;
            try {
                built = content.get();
            } catch (RuntimeException | Error e) {
                // The window is already on screen: an empty one would say nothing, so it says what went wrong.
                LOG.log(System.Logger.Level.ERROR, "Berth could not build its main window", e);
                scene.setRoot(failure(e, LogDirectory.forCurrentUser()));
                return;
            }
            scene.setRoot(built);
            afterNextLayout(scene, laidOut);
        }));
        stage.show();
    }

    /** What the window shows when the main view could not be built: the error in words, and where the details are. */
    static Parent failure(Throwable problem, Path logs) {
        String reason = problem.getMessage() == null || problem.getMessage().isBlank() ? problem.getClass().getSimpleName() : problem.getMessage();
        Label text = new Label("Berth could not open its main window: " + reason + "\n\nThe details are in Berth's log in " + logs
                + ". Quit and start Berth again; if it happens again, please report it with that log.");
        text.setId(FAILURE_ID);
        text.setWrapText(true);
        text.setPadding(new Insets(24));
        StackPane pane = new StackPane(text);
        pane.setAlignment(Pos.TOP_LEFT);
        return pane;
    }

    private static void afterNextLayout(Scene scene, Runnable action) {
        scene.addPostLayoutPulseListener(new Runnable() {
            private boolean ran;

            @Override
            public void run() {
                if (ran) return;
                ran = true;
                // Not removed here: the scene is going through its listeners.
                Platform.runLater(() -> scene.removePostLayoutPulseListener(this));
                action.run();
            }
        });
    }
}
