package dev.berth.browse;

import dev.berth.work.CancelSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Carries results from worker threads to the one thread that called a loader, in batches: the
 * first result at once (so something shows quickly), then at most one batch per interval, and
 * whatever is left the moment the work is finished. A UI that hands each batch to its own thread
 * does one hand-over per interval however many thousand items arrive, and the listener is never
 * called from two threads or at the same time.
 */
final class BatchPump<E> {

    private static final Object WAKE = new Object();
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long intervalNanos;

    BatchPump(Duration interval) {
        this.intervalNanos = Math.max(0, interval.toNanos());
    }

    /** From any thread. */
    void post(E event) {
        queue.add(event);
    }

    /** Makes the pumping thread look at {@code finished} and the cancel signal now rather than at its next poll. */
    void wake() {
        queue.add(WAKE);
    }

    /**
     * Delivers batches on the calling thread until {@code finished} is true and everything posted
     * before has been delivered. Producers must {@link #wake()} after they make {@code finished}
     * true. Throws {@link CancellationException} as soon as {@code cancel} is cancelled (or the
     * thread is interrupted), without delivering what is pending.
     */
    void run(BooleanSupplier finished, CancelSignal cancel, Consumer<List<E>> deliver) {
        try (CancelSignal.Registration ignored = cancel.onCancel(this::wake)) {
            List<E> pending = new ArrayList<>();
            long lastDelivery = System.nanoTime() - intervalNanos;
            while (true) {
                cancel.throwIfCancelled();
                // Read "finished" before draining: everything posted before it turned true is then in the queue.
                boolean done = finished.getAsBoolean();
                drainInto(pending);
                long now = System.nanoTime();
                if (done) {
                    if (!pending.isEmpty()) deliver.accept(List.copyOf(pending));
                    return;
                }
                if (!pending.isEmpty() && now - lastDelivery >= intervalNanos) {
                    deliver.accept(List.copyOf(pending));
                    pending.clear();
                    lastDelivery = now;
                    continue;
                }
                long wait = pending.isEmpty() ? IDLE_POLL_NANOS : intervalNanos - (now - lastDelivery);
                add(queue.poll(wait, TimeUnit.NANOSECONDS), pending);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private void drainInto(List<E> pending) {
        List<Object> drained = new ArrayList<>();
        queue.drainTo(drained);
        drained.forEach(o -> add(o, pending));
    }

    @SuppressWarnings("unchecked")
    private void add(Object o, List<E> pending) {
        if (o != null && o != WAKE) pending.add((E) o);
    }
}
