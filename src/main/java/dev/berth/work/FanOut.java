package dev.berth.work;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs many blocking tasks (registry requests, blob copies) on virtual threads, at most
 * {@code limit} at a time, in the order they were handed in.
 *
 * <p>{@link #stop()} is cancelled when the caller's signal is, when a task fails, and on
 * {@link #close()}: queued tasks then never start, and running ones are aborted through it — hand
 * {@code stop()} to what they block on (e.g. {@code client.withCancel(fanOut.stop())}). Running
 * tasks are not interrupted (a cancelled copy still has to close its upload sessions over HTTP),
 * unless the thread waiting for them is. The first failure is the one reported: the cancellations
 * it causes in the other tasks are not the story.
 *
 * <p>Two kinds of task: {@link #submit} holds a permit for its whole run; {@link #fork} holds none
 * and takes one around each call with {@link #withPermit}, for tasks that wait on other tasks of
 * the same fan-out (a task holding a permit while it waits could starve them all).
 */
public final class FanOut implements AutoCloseable {

    /** The priority of {@link #submit}ted tasks; a lower number gets a free permit first. */
    public static final int DEFAULT_PRIORITY = 0;

    /** Work that returns a value or fails with {@code E}. */
    @FunctionalInterface
    public interface Task<R, E extends Exception> {
        R run() throws E;
    }

    /** Work on one item of a {@link #map} or {@link #forEach}. */
    @FunctionalInterface
    public interface Step<T, R, E extends Exception> {
        R apply(T item) throws E;
    }

    private final Permits permits;
    private final CancelSignal cancel;
    private final CancelSignal stop = new CancelSignal();
    private final CancelSignal.Registration link;
    private final ExecutorService threads;
    private final Runnable onTaskEnd;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object settled = new Object();
    private int unfinished; // guarded by settled

    private FanOut(String threadName, int limit, CancelSignal cancel, Runnable onTaskEnd) {
        this.permits = new Permits(limit);
        this.cancel = cancel;
        this.onTaskEnd = onTaskEnd;
        this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadName, 0).factory());
        stop.onCancel(permits::abandonQueued);
        this.link = cancel.onCancel(stop::cancel);
    }

    /** A fan-out of at most {@code limit} tasks at once, stopped when {@code cancel} is; threads are named {@code threadName + n}. */
    public static FanOut open(String threadName, int limit, CancelSignal cancel) {
        return open(threadName, limit, cancel, () -> {});
    }

    /** As {@link #open(String, int, CancelSignal)}, telling {@code onTaskEnd} (from the task's thread) whenever a task ends. */
    public static FanOut open(String threadName, int limit, CancelSignal cancel, Runnable onTaskEnd) {
        return new FanOut(threadName, limit, cancel, onTaskEnd);
    }

    /**
     * {@code step} applied to every item, at most {@code limit} at once; the results in the order of
     * {@code items}. Throws the first failure, or {@link CancellationException} when {@code cancel}
     * was cancelled (or the calling thread interrupted). After a failure no further step starts;
     * those running finish, or abort if they listen to {@code cancel} — tasks that must be aborted
     * by another's failure belong in {@link #open} and {@link #stop()}.
     */
    public static <T, R, E extends Exception> List<R> map(Collection<? extends T> items, int limit, CancelSignal cancel,
            Step<? super T, ? extends R, E> step) throws E {
        try (FanOut fanOut = open("berth-fan-out-", limit, cancel)) {
            List<CompletableFuture<? extends R>> futures = new ArrayList<>(items.size());
            for (T item : items) futures.add(fanOut.submit(() -> step.apply(item)));
            fanOut.awaitUnchecked();
            List<R> results = new ArrayList<>(futures.size());
            for (CompletableFuture<? extends R> future : futures) results.add(future.join());
            return results;
        }
    }

    /** {@code step} applied to every item, at most {@code limit} at once; for steps that report their own results as they finish. */
    public static <T, E extends Exception> void forEach(Collection<? extends T> items, int limit, CancelSignal cancel,
            Step<? super T, ?, E> step) throws E {
        map(items, limit, cancel, step);
    }

    /** Cancelled when the caller cancels, a task fails or the fan-out closes. */
    public CancelSignal stop() {
        return stop;
    }

    /** Runs {@code task} on its own thread once a permit is free, holding it until the task ends. */
    public <R> CompletableFuture<R> submit(Task<? extends R, ?> task) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (takeIn(result)) {
            permits.whenGranted(DEFAULT_PRIORITY, () -> start(task, result, true), () -> {
                result.cancel(false);
                ended();
            });
        }
        return result;
    }

    /** Runs {@code task} on its own thread at once, without a permit: it takes one around each call with {@link #withPermit}. */
    public <R> CompletableFuture<R> fork(Task<? extends R, ?> task) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (takeIn(result)) start(task, result, false);
        return result;
    }

    /**
     * Runs {@code call} on the calling thread (a {@link #fork}ed task) holding a permit, granted to
     * the lowest {@code priority} number first.
     *
     * @throws CancellationException when the fan-out is stopped before or while waiting
     */
    public <R, E extends Exception> R withPermit(int priority, Task<R, E> call) throws E {
        stop.throwIfCancelled();
        try {
            permits.acquire(priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        try {
            stop.throwIfCancelled(); // stopped while waiting
            return call.run();
        } finally {
            permits.release();
        }
    }

    /** Whether every task handed in so far has ended. */
    public boolean idle() {
        synchronized (settled) {
            return unfinished == 0;
        }
    }

    /** The first failure of a task, if one failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Waits until every task has ended (including those handed in meanwhile), then throws the first
     * failure: as it is if it is a {@code failureType}, a {@link RuntimeException} or an {@link Error},
     * else wrapped in an {@link IllegalStateException}.
     *
     * @throws CancellationException when the caller's signal was cancelled or this thread interrupted
     */
    public <E extends Exception> void await(Class<E> failureType) throws E {
        awaitEnd();
        Throwable first = failure.get();
        if (first == null) return;
        if (failureType.isInstance(first)) throw failureType.cast(first);
        throw unchecked(first);
    }

    /** Stops whatever still runs or waits, and waits for the running tasks to end. */
    @Override
    public void close() {
        stop.cancel();
        link.close();
        threads.close();
    }

    @SuppressWarnings("unchecked")
    private <E extends Exception> void awaitUnchecked() throws E {
        awaitEnd();
        Throwable first = failure.get();
        if (first instanceof Exception e && !(e instanceof RuntimeException)) throw (E) e; // only a step's E can be checked here
        if (first != null) throw unchecked(first);
    }

    private void awaitEnd() {
        try {
            synchronized (settled) {
                while (unfinished > 0) settled.wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.cancel();
            threads.shutdownNow(); // whoever interrupted us wants the work gone, not just stopped
            throw new CancellationException("interrupted");
        }
        cancel.throwIfCancelled();
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }

    /** Counts a new task in, or cancels it at once if the fan-out is stopped. */
    private boolean takeIn(CompletableFuture<?> result) {
        if (stop.isCancelled()) {
            result.cancel(false);
            return false;
        }
        synchronized (settled) {
            unfinished++;
        }
        return true;
    }

    private <R> void start(Task<? extends R, ?> task, CompletableFuture<R> result, boolean holdsPermit) {
        try {
            threads.execute(() -> run(task, result, holdsPermit));
        } catch (RejectedExecutionException stopped) {
            if (holdsPermit) permits.release();
            result.cancel(false);
            ended();
        }
    }

    private <R> void run(Task<? extends R, ?> task, CompletableFuture<R> result, boolean holdsPermit) {
        try {
            stop.throwIfCancelled();
            result.complete(task.run());
        } catch (Throwable t) {
            failed(t);
            result.completeExceptionally(t instanceof CancellationException ? t : new CompletionException(t));
        } finally {
            if (holdsPermit) permits.release();
            ended();
        }
    }

    // A real failure replaces a cancellation seen first: stopping the others is what made them cancel.
    private void failed(Throwable t) {
        Throwable previous = failure.getAndUpdate(old -> old == null
                || (old instanceof CancellationException && !(t instanceof CancellationException)) ? t : old);
        if (previous == null || previous instanceof CancellationException) stop.cancel();
    }

    private void ended() {
        synchronized (settled) {
            unfinished--;
            settled.notifyAll();
        }
        onTaskEnd.run();
    }
}
