package dev.berth.browse;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A semaphore that hands a free permit to the waiter with the lowest priority number, first come
 * first served among equals. The scanner uses it so that the step finishing an image goes before
 * the step starting another: rows of the tag table complete one after the other rather than all
 * at the very end.
 */
final class PriorityPermits {

    private static final class Waiter {
        final int priority;
        final long arrival;
        final Condition turn;
        boolean granted;

        Waiter(int priority, long arrival, Condition turn) {
            this.priority = priority;
            this.arrival = arrival;
            this.turn = turn;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.<Waiter>comparingInt(w -> w.priority).thenComparingLong(w -> w.arrival));
    private int available;
    private long arrivals;

    PriorityPermits(int permits) {
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
            Waiter me = new Waiter(priority, arrivals++, lock.newCondition());
            waiting.add(me);
            try {
                while (!me.granted) me.turn.await();
            } catch (InterruptedException e) {
                if (me.granted) handOn(); // granted just as we were interrupted: the permit is not ours to keep
                else waiting.remove(me);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            handOn();
        } finally {
            lock.unlock();
        }
    }

    private void handOn() {
        Waiter next = waiting.poll();
        if (next == null) {
            available++;
        } else {
            next.granted = true;
            next.turn.signal();
        }
    }
}
