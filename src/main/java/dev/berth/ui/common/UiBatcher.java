package dev.berth.ui.common;

import dev.berth.work.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects items produced on worker threads and hands them to the UI thread in batches: one
 * pending UI update at a time however fast items arrive, so 10,000 results do not become 10,000
 * queued runnables. It is a {@link Progress}: hand it to a producer as the place to report to.
 */
public final class UiBatcher<T> implements Progress<T> {

    private final UiExecutor executor;
    private final Consumer<List<T>> consumer;
    private List<T> pending = new ArrayList<>();
    private boolean scheduled;

    public UiBatcher(UiExecutor executor, Consumer<List<T>> consumer) {
        this.executor = executor;
        this.consumer = consumer;
    }

    @Override
    public void report(T item) {
        add(item);
    }

    public void add(T item) {
        boolean schedule;
        synchronized (this) {
            pending.add(item);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) executor.onUiThread(this::drain);
    }

    /** Delivers whatever is pending now (call on the UI thread, e.g. when the work completes). */
    public void drain() {
        List<T> batch;
        synchronized (this) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
        }
        if (!batch.isEmpty()) consumer.accept(batch);
    }
}
