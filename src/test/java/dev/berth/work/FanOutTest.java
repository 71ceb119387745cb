package dev.berth.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class FanOutTest {

    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    @Test
    void neverRunsMoreThanTheLimitAtOnceAndReachesIt() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        FanOut.forEach(HUNDRED, 3, CancelSignal.none(), i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(2);
            running.decrementAndGet();
            return null;
        });
        assertEquals(3, most.get());
    }

    @Test
    void resultsComeInTheOrderOfTheItemsWhateverOrderTheyFinishIn() throws Exception {
        // each item is the place it finishes in: a task waits until all that finish before it have (no sleeps, no timing)
        List<Integer> finished = new CopyOnWriteArrayList<>();
        List<String> results = FanOut.map(List.of(3, 1, 2, 0), 4, CancelSignal.none(), rank -> {
            synchronized (finished) {
                while (finished.size() != rank) finished.wait();
                finished.add(rank);
                finished.notifyAll();
            }
            return "finished " + rank;
        });
        assertEquals(List.of("finished 3", "finished 1", "finished 2", "finished 0"), results);
        assertEquals(List.of(0, 1, 2, 3), finished);
    }

    @Test
    void tasksStartInTheOrderTheyWereHandedIn() throws Exception {
        List<Integer> started = new CopyOnWriteArrayList<>();
        FanOut.forEach(HUNDRED, 1, CancelSignal.none(), started::add);
        assertEquals(HUNDRED, started);
    }

    /** Blocks like a socket read: deaf to interrupts, aborted only through the fan-out's stop signal. */
    private static void blockUntilStopped(FanOut fanOut) {
        CountDownLatch socket = new CountDownLatch(1);
        try (CancelSignal.Registration r = fanOut.stop().onCancel(socket::countDown)) {
            while (true) {
                try {
                    socket.await();
                    break;
                } catch (InterruptedException deaf) {
                    // a socket read does not notice
                }
            }
        }
        throw new CancellationException("aborted");
    }

    @Test
    void theFirstFailureIsThrownAndStopsTheRest() throws Exception {
        IOException boom = new IOException("boom");
        AtomicInteger started = new AtomicInteger();
        AtomicInteger aborted = new AtomicInteger();
        CountDownLatch othersRunning = new CountDownLatch(2);
        try (FanOut fanOut = FanOut.open("test-", 3, CancelSignal.none())) {
            for (int i = 0; i < 100; i++) {
                boolean failing = i == 2;
                fanOut.submit(() -> {
                    started.incrementAndGet();
                    if (failing) {
                        othersRunning.await();
                        throw boom;
                    }
                    othersRunning.countDown();
                    try {
                        blockUntilStopped(fanOut);
                    } finally {
                        aborted.incrementAndGet();
                    }
                    return null;
                });
            }
            IOException thrown = assertThrows(IOException.class, () -> fanOut.await(IOException.class));
            assertSame(boom, thrown, "the failure, not the cancellations it caused");
            assertTrue(fanOut.idle());
        }
        assertEquals(3, started.get(), "nothing starts after the failure");
        assertEquals(2, aborted.get(), "running tasks are aborted through the stop signal");
    }

    @Test
    void mapThrowsTheFailureAndStartsNothingAfterIt() {
        IllegalArgumentException bad = new IllegalArgumentException("bad item");
        AtomicInteger started = new AtomicInteger();
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> FanOut.map(HUNDRED, 1,
                CancelSignal.none(), i -> {
                    started.incrementAndGet();
                    if (i == 5) throw bad;
                    return i;
                }));
        assertSame(bad, thrown);
        assertEquals(6, started.get());
    }

    @Test
    void aFailureCancelsTheStopSignalSoBlockedCallsAbort() throws Exception {
        try (FanOut fanOut = FanOut.open("test-", 2, CancelSignal.none())) {
            CountDownLatch aborted = new CountDownLatch(1);
            fanOut.submit(() -> {
                CountDownLatch socket = new CountDownLatch(1); // stands in for a socket read that ignores interrupts
                try (CancelSignal.Registration r = fanOut.stop().onCancel(socket::countDown)) {
                    socket.await();
                } catch (InterruptedException e) {
                    // either way
                }
                aborted.countDown();
                return null;
            });
            fanOut.submit(() -> {
                throw new IllegalStateException("broken");
            });
            assertTrue(aborted.await(5, TimeUnit.SECONDS));
            assertTrue(fanOut.stop().isCancelled());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> fanOut.await(IOException.class));
            assertEquals("broken", e.getMessage());
        }
    }

    @Test
    void cancelStopsNewWorkAndAbortsRunningWork() throws Exception {
        CancelSignal cancel = new CancelSignal();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger aborted = new AtomicInteger();
        CountDownLatch twoRunning = new CountDownLatch(2);
        try (FanOut fanOut = FanOut.open("test-", 2, cancel)) {
            for (int i = 0; i < 100; i++) {
                fanOut.submit(() -> {
                    started.incrementAndGet();
                    twoRunning.countDown();
                    try {
                        blockUntilStopped(fanOut);
                    } finally {
                        aborted.incrementAndGet();
                    }
                    return null;
                });
            }
            assertTrue(twoRunning.await(5, TimeUnit.SECONDS));
            cancel.cancel();
            assertThrows(CancellationException.class, () -> fanOut.await(IOException.class), "cancel is not a failure");
            assertTrue(fanOut.idle());
        }
        assertEquals(2, started.get());
        assertEquals(2, aborted.get());
    }

    @Test
    void anAlreadyCancelledSignalRunsNothing() throws Exception {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();
        AtomicBoolean ran = new AtomicBoolean();
        assertThrows(CancellationException.class, () -> FanOut.forEach(HUNDRED, 4, cancel, i -> {
            ran.set(true);
            return null;
        }));
        assertFalse(ran.get());
    }

    @Test
    void anInterruptedCallerStopsTheWorkAndKeepsItsInterrupt() throws Exception {
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                FanOut.forEach(List.of(1, 2, 3), 1, CancelSignal.none(), i -> {
                    running.countDown();
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                    return null;
                });
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join();
        assertTrue(thrown.get() instanceof CancellationException, "got " + thrown.get());
        assertTrue(stillInterrupted.get());
        assertEquals(1, interrupted.get(), "one ran and was interrupted; the other two never started");
    }

    @Test
    void forkedTasksWaitingOnEachOtherDoNotStarveThePermits() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        try (FanOut fanOut = FanOut.open("test-", 1, CancelSignal.none())) {
            CompletableFuture<String> parent = fanOut.fork(() -> {
                fanOut.withPermit(0, () -> calls.add("parent"));
                CompletableFuture<String> child = fanOut.fork(() -> fanOut.withPermit(0, () -> "child"));
                return child.join(); // waits holding no permit
            });
            assertEquals("child", parent.get(5, TimeUnit.SECONDS));
            fanOut.await(RuntimeException.class);
            assertTrue(fanOut.idle());
        }
        assertEquals(List.of("parent"), calls);
    }

    @Test
    void theTaskEndHookHearsOfEveryTask() throws Exception {
        AtomicInteger ends = new AtomicInteger();
        try (FanOut fanOut = FanOut.open("test-", 2, CancelSignal.none(), ends::incrementAndGet)) {
            for (int i = 0; i < 5; i++) fanOut.submit(() -> null);
            fanOut.fork(() -> null);
            fanOut.await(RuntimeException.class);
        }
        assertEquals(6, ends.get());
    }
}
