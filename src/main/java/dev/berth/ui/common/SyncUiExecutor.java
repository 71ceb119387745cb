package dev.berth.ui.common;

import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/** Runs work at once on the calling thread: ViewModel tests need no FX toolkit and no waiting. */
public final class SyncUiExecutor implements UiExecutor {

    @Override
    public <T> UiTask submit(String description, BackgroundWork<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure) {
        CancelSignal signal = new CancelSignal();
        UiTask task = new UiTask(description, signal);
        try {
            T result = work.run(signal, Progress.none());
            if (!signal.isCancelled()) onSuccess.accept(result);
        } catch (CancellationException e) {
            // superseded or stopped: not an error
        } catch (Exception e) {
            if (!signal.isCancelled()) onFailure.accept(e);
        } finally {
            task.markDone();
        }
        return task;
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}
