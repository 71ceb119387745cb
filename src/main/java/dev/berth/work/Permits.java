package dev.berth.work;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A semaphore that hands a free permit to the waiter with the lowest priority number, first come
 * first served among equals. A waiter is either a blocked thread ({@link #acquire}) or a task not
 * started yet ({@link #whenGranted}), so that ten thousand queued tasks cost ten thousand small
 * objects, not ten thousand parked threads. The scanner relies on the priorities so that the step
 * finishing an image goes before the step starting another: rows of the tag table complete one
 * after the other rather than all at the very end.
 */
final class Permits {

    private static final class Waiter {
        final int priority;
        final long arrival;
        final Condition turn;
        final Runnable start;
        final Runnable abandon;
        boolean granted;

        Waiter(int priority, long arrival, Condition turn, Runnable start, Runnable abandon) {
            this.priority = priority;
            this.arrival = arrival;
            this.turn = turn;
            this.start = start;
            this.abandon = abandon;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.<Waiter>comparingInt(w -> w.priority).thenComparingLong(w -> w.arrival));
    private int available;
    private long arrivals;

    Permits(int permits) {
        if (permits < 1) throw new IllegalArgumentException("at least one permit: " + permits);
        this.available = permits;
    }

    void acquire(int priority) throws InterruptedException {
        lock.lock();
        try {
            if (available > 0 && waiting.isEmpty()) {
                available--;
                return;
            }
            Waiter me = new Waiter(priority, arrivals++, lock.newCondition(), null, null);
            waiting.add(me);
            try {
                while (!me.granted) me.turn.await();
            } catch (InterruptedException e) {
                if (me.granted) release(); // granted just as we were interrupted: the permit is not ours to keep
                else waiting.remove(me);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code start} once a permit is granted to it — at once on the calling thread if one is
     * free, else later on the thread that releases one. {@code start} must be quick (start a thread)
     * and must see that the permit is released again. {@code abandon} runs instead if
     * {@link #abandonQueued} comes first.
     */
    void whenGranted(int priority, Runnable start, Runnable abandon) {
        lock.lock();
        try {
            if (available == 0 || !waiting.isEmpty()) {
                waiting.add(new Waiter(priority, arrivals++, null, start, abandon));
                return;
            }
            available--;
        } finally {
            lock.unlock();
        }
        start.run();
    }

    /** Drops every task still waiting for a permit, telling each through its {@code abandon}; blocked threads keep waiting. */
    void abandonQueued() {
        List<Runnable> abandoned = new ArrayList<>();
        lock.lock();
        try {
            waiting.removeIf(w -> {
                if (w.turn != null) return false;
                abandoned.add(w.abandon);
                return true;
            });
        } finally {
            lock.unlock();
        }
        abandoned.forEach(Runnable::run);
    }

    void release() {
        Runnable start;
        lock.lock();
        try {
            Waiter next = waiting.poll();
            if (next == null) {
                available++;
                return;
            }
            next.granted = true;
            if (next.turn != null) {
                next.turn.signal();
                return;
            }
            start = next.start;
        } finally {
            lock.unlock();
        }
        start.run();
    }
}
