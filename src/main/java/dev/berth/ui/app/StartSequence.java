package dev.berth.ui.app;

import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Parent;
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
            scene.setRoot(content.get());
            afterNextLayout(scene, laidOut);
        }));
        stage.show();
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
