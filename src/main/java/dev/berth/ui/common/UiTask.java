package dev.berth.ui.common;

import dev.berth.work.CancelSignal;

/** A handle on submitted background work: cancel it when it is superseded or the user says stop. */
public final class UiTask {

    private final String description;
    private final CancelSignal signal;
    private volatile boolean done;

    public UiTask(String description, CancelSignal signal) {
        this.description = description;
        this.signal = signal;
    }

    public String description() {
        return description;
    }

    /** Aborts in-flight requests; the success and failure callbacks will not run. */
    public void cancel() {
        signal.cancel();
    }

    public boolean isCancelled() {
        return signal.isCancelled();
    }

    public boolean isDone() {
        return done;
    }

    void markDone() {
        done = true;
    }
}
