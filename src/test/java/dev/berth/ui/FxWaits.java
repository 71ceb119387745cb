package dev.berth.ui;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waiting in TestFX flows: values read on the FX thread, nodes once they are on screen, and a
 * screenshot of the moment a wait times out.
 *
 * <p>A node that a state change makes (a pane switched in, a panel docked, a row added) does not
 * always join the scene graph at once: a ScrollPane's or TitledPane's content enters it when the
 * control's skin is made, on the next CSS pass, and a table's or tree's cells on the next layout
 * pass. A lookup right after the change races that pulse, so flows look nodes up through
 * {@link #shown(String)} rather than {@code robot.lookup(..).query()}.
 */
public final class FxWaits {

    private final Scene scene;
    private final String name;
    private final int seconds;

    /** {@code name}: how the timeout screenshots start. */
    public FxWaits(Scene scene, String name, int seconds) {
        this.scene = scene;
        this.name = name;
        this.seconds = seconds;
    }

    /** The first non-null value {@code value} gives on the FX thread. */
    public <T> T waitFor(Callable<T> value) throws Exception {
        Object[] holder = new Object[1];
        waitUntil(() -> (holder[0] = value.call()) != null);
        @SuppressWarnings("unchecked") T result = (T) holder[0];
        return result;
    }

    public void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(onFx(condition)));
        } catch (java.util.concurrent.TimeoutException e) {
            Path shot = Screenshots.take(scene, name + "-timeout-" + System.nanoTime());
            throw new AssertionError("timed out; the screen at that moment: " + shot, e);
        }
    }

    /**
     * The first node {@code query} finds (in any window) that is on screen: its window showing,
     * it and its parents visible, laid out with a size. Its bounds are then good for a click.
     */
    public <T extends Node> T shown(String query) throws Exception {
        FxRobot robot = new FxRobot();
        return waitFor(() -> {
            layOutNow(scene);
            @SuppressWarnings("unchecked") T found = (T) robot.lookup(query).queryAll().stream().filter(FxWaits::onScreen)
                    .findFirst().orElse(null);
            return found;
        });
    }

    /** Lays {@code scene} out now, as its next pulse would: skins made, sizes, positions and cells up to date. */
    public static void layOut(Scene scene) throws Exception {
        onFx(() -> {
            layOutNow(scene);
            return null;
        });
    }

    /** As {@link #layOut(Scene)}, on the FX thread already. */
    public static void layOutNow(Scene scene) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }

    private static boolean onScreen(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) return false;
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) return false;
        }
        return node.getLayoutBounds().getWidth() > 0 && node.getLayoutBounds().getHeight() > 0;
    }

    public static <T> T onFx(Callable<T> callable) throws Exception {
        return WaitForAsyncUtils.asyncFx(callable).get(10, TimeUnit.SECONDS);
    }

    public static void runFx(Runnable action) {
        WaitForAsyncUtils.asyncFx(action);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
