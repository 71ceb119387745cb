package dev.berth.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PermitsTest {

    /** Starts a thread that waits for a permit and records its name once it has one. */
    private static Thread waiter(Permits permits, int priority, String name, List<String> order, CountDownLatch done) {
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                permits.acquire(priority);
                order.add(name);
                permits.release();
            } catch (InterruptedException e) {
                order.add(name + " interrupted");
            } finally {
                done.countDown();
            }
        });
        return t;
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) Thread.sleep(1);
        assertEquals(Thread.State.WAITING, t.getState());
    }

    @Test
    void freePermitsAreTakenAtOnce() throws InterruptedException {
        Permits permits = new Permits(2);
        permits.acquire(5);
        permits.acquire(0);
        permits.release();
        permits.acquire(9);
    }

    @Test
    void lowestPriorityNumberFirstThenFirstComeFirstServed() throws Exception {
        Permits permits = new Permits(1);
        permits.acquire(0);
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(4);
        awaitWaiting(waiter(permits, 2, "manifest-a", order, done));
        awaitWaiting(waiter(permits, 1, "config-a", order, done));
        awaitWaiting(waiter(permits, 2, "manifest-b", order, done));
        awaitWaiting(waiter(permits, 1, "config-b", order, done));
        permits.release();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("config-a", "config-b", "manifest-a", "manifest-b"), order);
    }

    @Test
    void anInterruptedWaiterGivesUpItsPlace() throws Exception {
        Permits permits = new Permits(1);
        permits.acquire(0);
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        Thread first = waiter(permits, 0, "first", order, done);
        awaitWaiting(first);
        awaitWaiting(waiter(permits, 1, "second", order, done));
        first.interrupt();
        Thread.sleep(20);
        permits.release();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("first interrupted", "second"), order);
        permits.acquire(0); // the permit came back
    }

    @Test
    void needsAPermit() {
        assertThrows(IllegalArgumentException.class, () -> new Permits(0));
    }

    @Test
    void queuedTasksStartOnlyWhenAPermitIsFreeAndAbandonedOnesNever() {
        Permits permits = new Permits(1);
        List<String> log = new CopyOnWriteArrayList<>();
        permits.whenGranted(0, () -> log.add("first started"), () -> log.add("first abandoned"));
        permits.whenGranted(1, () -> log.add("later started"), () -> log.add("later abandoned"));
        permits.whenGranted(0, () -> log.add("second started"), () -> log.add("second abandoned"));
        assertEquals(List.of("first started"), log);
        permits.release();
        assertEquals(List.of("first started", "second started"), log, "the lower priority number goes first");
        permits.abandonQueued();
        permits.release();
        assertEquals(List.of("first started", "second started", "later abandoned"), log);
    }
}
