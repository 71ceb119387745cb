package dev.berth.ui.common;

import dev.berth.registry.CancelSignal;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The real executor: virtual threads for the blocking registry calls (they spend their time
 * waiting on the network), results delivered with {@link Platform#runLater}.
 */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FxUiExecutor.class.getName());

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("berth-work-", 0).factory());
    private final ActivityMonitor activity;

    public FxUiExecutor(ActivityMonitor activity) {
        this.activity = activity;
    }

    @Override
    public <T> UiTask submit(String description, BackgroundWork<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure) {
        CancelSignal signal = new CancelSignal();
        UiTask task = new UiTask(description, signal);
        ActivityMonitor.Entry entry = activity.started(description, task);
        threads.execute(() -> {
            try {
                T result = work.run(signal, entry);
                Platform.runLater(() -> {
                    task.markDone();
                    activity.finished(entry);
                    if (!signal.isCancelled()) onSuccess.accept(result);
                });
            } catch (CancellationException e) {
                Platform.runLater(() -> {
                    task.markDone();
                    activity.finished(entry);
                });
            } catch (Throwable e) {
                if (!(e instanceof Exception)) LOG.log(System.Logger.Level.ERROR, "background work failed: " + description, e);
                Platform.runLater(() -> {
                    task.markDone();
                    activity.finished(entry);
                    if (!signal.isCancelled()) onFailure.accept(e);
                });
            }
        });
        return task;
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) action.run();
        else Platform.runLater(action);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
