package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ui.Screenshots;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window is on screen, in the theme's colour, before the main view is built; the main view follows by itself. */
@ExtendWith(ApplicationExtension.class)
class StartSequenceTest {

    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = new Stage(); // its own: the scenes put in it must not stay on TestFX's shared primary stage
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get(5, TimeUnit.SECONDS);
    }

    private record AtBuild(boolean showing, String rootId, int pulsesBefore) {}

    @Test
    void theWindowIsShownAndLaidOutWithThePlaceholderBeforeTheMainViewIsBuiltThenTheMainViewReplacesIt() throws Exception {
        AtomicReference<AtBuild> atBuild = new AtomicReference<>();
        AtomicInteger pulses = new AtomicInteger();
        AtomicReference<Parent> built = new AtomicReference<>();
        AtomicReference<Double> widthWhenReady = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        AtBuild duringShow = WaitForAsyncUtils.asyncFx(() -> {
            stage.setScene(StartSequence.placeholder(MainViewModel.Theme.DARK));
            stage.setWidth(640);
            stage.setHeight(400);
            stage.getScene().addPostLayoutPulseListener(pulses::incrementAndGet); // before the sequence's own: it counts the pulse first
            StartSequence.show(stage, () -> {
                atBuild.set(new AtBuild(stage.isShowing(), stage.getScene().getRoot().getId(), pulses.get()));
                StackPane main = new StackPane(new Label("the main view"));
                main.setId("main");
                built.set(main);
                return main;
            }, () -> {
                widthWhenReady.set(stage.getScene().getRoot().getLayoutBounds().getWidth());
                ready.countDown();
            });
            return atBuild.get();
        }).get(10, TimeUnit.SECONDS);

        assertNull(duringShow, "the main view was built before the window was shown");
        assertTrue(ready.await(30, TimeUnit.SECONDS), "the main view never came");
        AtBuild seen = atBuild.get();
        assertTrue(seen.showing(), "the window was not shown when the main view was built");
        assertEquals(StartSequence.PLACEHOLDER_ID, seen.rootId(), "the window's first scene is the placeholder");
        assertTrue(seen.pulsesBefore() >= 1, "the main view was built before the placeholder's first layout pass (its frame)");
        assertEquals(built.get(), stage.getScene().getRoot(), "the main view replaced the placeholder");
        assertEquals(640, widthWhenReady.get(), 1, "ready is told after the main view's first layout, at the window's size");
        Screenshots.take(stage.getScene(), "start-main-view-after-placeholder");
    }

    @Test
    void thePlaceholderIsTheThemesBackgroundSoADarkWindowDoesNotFlashWhite() throws Exception {
        for (MainViewModel.Theme theme : MainViewModel.Theme.values()) {
            Scene scene = WaitForAsyncUtils.asyncFx(() -> StartSequence.placeholder(theme)).get(5, TimeUnit.SECONDS);
            Color fill = (Color) ((Region) scene.getRoot()).getBackground().getFills().getFirst().getFill();
            assertEquals(ThemeManager.background(theme), fill, theme + ": the placeholder's background");
            assertEquals(ThemeManager.background(theme), scene.getFill(), theme + ": the scene's fill, painted before the placeholder");
            assertTrue(scene.getRoot().getChildrenUnmodifiable().isEmpty() && scene.getStylesheets().isEmpty(),
                    "the placeholder holds no control and no stylesheet: nothing to load before the first frame");
        }
        assertTrue(ThemeManager.background(MainViewModel.Theme.DARK).getBrightness() < 0.15, "dark is dark");
        assertEquals(Color.WHITE, ThemeManager.background(MainViewModel.Theme.LIGHT));
    }

    @Test
    void aMainViewThatCannotBeBuiltIsSaidInTheWindowNotLeftEmpty() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setScene(StartSequence.placeholder(MainViewModel.Theme.LIGHT));
            stage.setWidth(640);
            stage.setHeight(400);
            StartSequence.show(stage, () -> {
                throw new IllegalStateException("the config directory is not writable");
            }, () -> { });
        }).get(10, TimeUnit.SECONDS);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> StartSequence.FAILURE_ID.equals(
                WaitForAsyncUtils.asyncFx(() -> stage.getScene().lookup("#" + StartSequence.FAILURE_ID) == null ? null
                        : StartSequence.FAILURE_ID).get()));
        String said = WaitForAsyncUtils.asyncFx(() -> ((Label) stage.getScene().lookup("#" + StartSequence.FAILURE_ID)).getText()).get();
        assertTrue(said.contains("could not open its main window: the config directory is not writable"), said);
        assertTrue(said.contains("log") && said.contains("start Berth again"), said);
        Screenshots.take(stage.getScene(), "start-failed");
    }
}
