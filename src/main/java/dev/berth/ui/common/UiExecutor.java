package dev.berth.ui.common;

import java.util.function.Consumer;

/**
 * Runs blocking work off the FX thread and hands the outcome back on it. A cancelled task calls
 * neither callback: a cancellation is never shown as an error. Tests use {@link SyncUiExecutor}.
 */
public interface UiExecutor {

    <T> UiTask submit(String description, BackgroundWork<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread (at once in tests). */
    void onUiThread(Runnable action);
}
