package dev.berth.ui.common;

import dev.berth.work.Amount;
import dev.berth.work.Progress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What is running in the background, for the status bar: count, latest description, progress. */
public final class ActivityMonitor {

    /**
     * One running piece of work; it reports progress from its worker thread. However often it
     * reports, at most one refresh is pending on the FX thread: the refresh shows the latest amount.
     */
    public final class Entry implements Progress<Amount> {
        private final String description;
        private final UiTask task;
        private final AtomicBoolean refreshPending = new AtomicBoolean();
        private volatile String message = "";

        Entry(String description, UiTask task) {
            this.description = description;
            this.task = task;
        }

        public String description() {
            return description;
        }

        public UiTask task() {
            return task;
        }

        @Override
        public void report(Amount amount) {
            message = amount.words();
            if (refreshPending.compareAndSet(false, true)) {
                fxThread.accept(() -> {
                    refreshPending.set(false);
                    refresh();
                });
            }
        }
    }

    private final Consumer<Runnable> fxThread;

    public ActivityMonitor() {
        this(Platform::runLater);
    }

    /** {@code fxThread} runs an update on the FX thread (tests hold the updates to count them). */
    ActivityMonitor(Consumer<Runnable> fxThread) {
        this.fxThread = fxThread;
    }

    // Properties
    private final ObservableList<Entry> running = FXCollections.observableArrayList();
    // One wrapper for the life of the list: a wrapper observes its source weakly, so a fresh one per call
    // would let listeners on it be garbage-collected.
    private final ObservableList<Entry> runningView = FXCollections.unmodifiableObservableList(running);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<Entry> running() {
        return runningView;
    }

    // Commands (called from FxUiExecutor)
    Entry started(String description, UiTask task) {
        Entry entry = new Entry(description, task);
        fxThread.accept(() -> {
            running.add(entry);
            refresh();
        });
        return entry;
    }

    void finished(Entry entry) {
        running.remove(entry);
        refresh();
    }

    /** Cancels everything running (the status bar's stop button). */
    public void cancelAll() {
        running.forEach(e -> e.task().cancel());
    }

    private void refresh() {
        count.set(running.size());
        if (running.isEmpty()) {
            summary.set("");
        } else {
            Entry latest = running.getLast();
            String more = running.size() > 1 ? " (+" + (running.size() - 1) + " more)" : "";
            summary.set(latest.description() + (latest.message.isEmpty() ? "" : ": " + latest.message) + more);
        }
    }
}
