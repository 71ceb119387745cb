package dev.berth.ui.common;

import dev.berth.work.CancelSignal;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The real executor: virtual threads for the blocking registry calls (they spend their time
 * waiting on the network), results delivered with {@link Platform#runLater}.
 */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FxUiExecutor.class.getName());
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("berth-work-", 0).factory());
    private final ActivityMonitor activity;
    private final FxCallbackTimer timer;
    private volatile boolean closed;

    public FxUiExecutor(ActivityMonitor activity) {
        this(activity, FxCallbackTimer.NONE);
    }

    /** {@code timer} is told how long each piece of our code ran on the FX thread (the test watchdog). */
    public FxUiExecutor(ActivityMonitor activity, FxCallbackTimer timer) {
        this.activity = activity;
        this.timer = timer;
    }

    @Override
    public <T> UiTask submit(String description, BackgroundWork<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure) {
        CancelSignal signal = new CancelSignal();
        UiTask task = new UiTask(description, signal);
        if (closed) return notStarted(task);
        ActivityMonitor.Entry entry = activity.started(description, task);
        try {
            execute(description, work, onSuccess, onFailure, signal, task, entry);
        } catch (RejectedExecutionException closedMeanwhile) {
            // Closed between the check and here: the entry's removal queues behind its addition on the FX thread.
            notStarted(task);
            runLater(description, () -> activity.finished(entry));
        }
        return task;
    }

    /**
     * After {@link #close()} a callback already queued on the FX thread (the window closing, a UI
     * test ending) may still start work: it does not start, and nothing is thrown on the FX thread.
     */
    private static UiTask notStarted(UiTask task) {
        task.cancel();
        task.markDone();
        return task;
    }

    private <T> void execute(String description, BackgroundWork<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure, CancelSignal signal, UiTask task, ActivityMonitor.Entry entry) {
        threads.execute(() -> {
            try {
                T result = work.run(signal, entry);
                runLater(description, () -> {
                    task.markDone();
                    activity.finished(entry);
                    if (!signal.isCancelled()) onSuccess.accept(result);
                });
            } catch (CancellationException e) {
                runLater(description, () -> {
                    task.markDone();
                    activity.finished(entry);
                });
            } catch (Throwable e) {
                if (!(e instanceof Exception)) LOG.log(System.Logger.Level.ERROR, "background work failed: " + description, e);
                runLater(description, () -> {
                    task.markDone();
                    activity.finished(entry);
                    if (!signal.isCancelled()) onFailure.accept(e);
                });
            }
        });
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) timed("ui update", action);
        else runLater("ui update from " + caller(), action);
    }

    private static final StackWalker STACK = StackWalker.getInstance();

    /** The first frame outside ui.common (e.g. a ViewModel's listener): a stall report then names its culprit. */
    private static String caller() {
        return STACK.walk(frames -> frames.filter(f -> !f.getClassName().startsWith("dev.berth.ui.common."))
                .findFirst().map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .orElse("?"));
    }

    private void runLater(String description, Runnable action) {
        Platform.runLater(() -> timed(description, action));
    }

    /**
     * Runs {@code action} and reports the FX thread's CPU time for it: unlike wall time, it does
     * not count time the thread spent preempted by other processes, so it measures our code.
     */
    private void timed(String description, Runnable action) {
        long start = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
        try {
            action.run();
        } finally {
            long end = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
            timer.ran(description, java.time.Duration.ofNanos(end - start));
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.shutdownNow();
    }
}
