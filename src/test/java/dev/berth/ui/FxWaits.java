package dev.berth.ui;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting in TestFX flows: values read on the FX thread, and a screenshot of the moment a wait times out. */
final class FxWaits {

    private final Scene scene;
    private final String name;
    private final int seconds;

    /** {@code name}: how the timeout screenshots start. */
    FxWaits(Scene scene, String name, int seconds) {
        this.scene = scene;
        this.name = name;
        this.seconds = seconds;
    }

    /** The first non-null value {@code value} gives on the FX thread. */
    <T> T waitFor(Callable<T> value) throws Exception {
        Object[] holder = new Object[1];
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> (holder[0] = onFx(value)) != null);
        @SuppressWarnings("unchecked") T result = (T) holder[0];
        return result;
    }

    void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(onFx(condition)));
        } catch (java.util.concurrent.TimeoutException e) {
            Path shot = Screenshots.take(scene, name + "-timeout-" + System.nanoTime());
            throw new AssertionError("timed out; the screen at that moment: " + shot, e);
        }
    }

    static <T> T onFx(Callable<T> callable) throws Exception {
        return WaitForAsyncUtils.asyncFx(callable).get(10, TimeUnit.SECONDS);
    }

    static void runFx(Runnable action) {
        WaitForAsyncUtils.asyncFx(action);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
