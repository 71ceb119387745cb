package dev.berth.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The executor's end: a callback already queued on the FX thread when the window closes (or a UI
 * test ends) may still start work; that work is not started and nothing is thrown on the FX thread.
 */
class FxUiExecutorTest {

    @Test
    void workSubmittedAfterCloseIsNotStartedAndNothingIsThrown() {
        ActivityMonitor activity = new ActivityMonitor(Runnable::run);
        FxUiExecutor executor = new FxUiExecutor(activity);
        executor.close();
        AtomicBoolean ran = new AtomicBoolean();

        UiTask task = executor.submit("Scanning after close", (cancel, progress) -> ran.getAndSet(true), result -> ran.set(true),
                error -> ran.set(true));

        assertTrue(task.isCancelled() && task.isDone(), "a task that never starts is over at once");
        assertFalse(ran.get(), "neither the work nor its callbacks run");
        assertEquals(0, activity.countProperty().get(), "and the status bar does not show it");
    }
}
