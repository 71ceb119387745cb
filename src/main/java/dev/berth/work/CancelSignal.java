package dev.berth.work;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Cancels blocking work from another thread: in-flight HTTP calls are aborted at once (a blocked
 * socket read does not notice a thread interrupt, so interrupting alone is not enough).
 */
public final class CancelSignal {

    private final List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;

    /** A signal that is never cancelled. */
    public static CancelSignal none() {
        return new CancelSignal();
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) return;
            cancelled = true;
            toRun = List.copyOf(hooks);
            hooks.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (isCancelled()) throw new CancellationException("cancelled");
    }

    /**
     * Runs {@code hook} on cancellation (at once if already cancelled). Close the returned handle
     * when the work it guards is over.
     */
    public Registration onCancel(Runnable hook) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) hooks.add(hook);
        }
        if (runNow) hook.run();
        return () -> {
            synchronized (this) {
                hooks.remove(hook);
            }
        };
    }

    /** Undoes an {@link #onCancel} registration. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
