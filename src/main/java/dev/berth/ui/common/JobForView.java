package dev.berth.ui.common;

import dev.berth.work.CancelSignal;
import java.util.function.Consumer;

/**
 * Ties a job of the jobs panel to the view that started it: the view's cancel cancels the job, and the job's end
 * reaches the view on the UI thread, unless the view cancelled first (then it has moved on and hears nothing).
 */
public final class JobForView {

    private final UiExecutor executor;
    private final CancelSignal fromView = new CancelSignal();

    public JobForView(UiExecutor executor) {
        this.executor = executor;
    }

    /** {@code handler}, called on the UI thread when the job hands it a value, unless the view cancelled. */
    public <T> Consumer<T> toView(Consumer<T> handler) {
        return value -> executor.onUiThread(() -> {
            if (!fromView.isCancelled()) handler.accept(value);
        });
    }

    /** The view's handle on the job: cancelling it runs {@code cancelJob}. */
    public UiTask task(String description, Runnable cancelJob) {
        fromView.onCancel(cancelJob);
        return new UiTask(description, fromView);
    }
}
