package dev.berth.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.work.Amount;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long read of a registry as a job: titled by its host, counted in repositories, cancelled like the overview's stop, no Retry, kept. */
class ReadJobsTest {

    private static final String HOST = "registry.example:5000";

    @TempDir
    Path temp;

    private JobService service;

    @AfterEach
    void close() {
        if (service != null) service.close();
    }

    @Test
    void aReadIsAJobCountingRepositoriesWithNoRetryAndIsRemembered() throws Exception {
        service = new JobService(1, JobHistory.in(temp.resolve("jobs.json")), Clock.systemUTC());
        CompletableFuture<Void> done = new CompletableFuture<>();
        Job job = new ReadJobs(service).submit(HOST, (cancel, progress) -> {
            for (int i = 1; i <= 3; i++) progress.report(new Amount(i, 3, Amount.Unit.REPOSITORIES));
        }, () -> done.complete(null), done::completeExceptionally);

        JobSnapshot read = JobServiceTest.awaitFinished(job);
        done.get(10, TimeUnit.SECONDS);
        assertEquals(JobState.DONE, read.state());
        assertEquals(JobKind.READ, read.what().kind());
        assertEquals("Read the repositories of " + HOST, read.what().title());
        assertEquals(Amount.Unit.REPOSITORIES, read.progress().unit());
        assertEquals("3 of 3 repositories", read.progress().amountWords());
        assertEquals("3 repositories read", read.outcome().orElseThrow().note());
        assertEquals(ReadJobs.NO_RETRY, read.noRetry().orElseThrow());
        assertFalse(JobKind.READ.opensPanel(), "the overview shows its own progress");
        waitUntil(() -> !service.history().isEmpty()); // written just after the job finished
        JobSummary kept = JobHistory.in(temp.resolve("jobs.json")).summaries().getLast();
        assertEquals(JobKind.READ, kept.what().kind());
        assertEquals(JobState.DONE, kept.state());
    }

    @Test
    void cancellingARunningReadStopsItAndTellsTheCallerItWasCancelled() throws Exception {
        service = new JobService(1, JobHistory.inMemory(), Clock.systemUTC());
        CountDownLatch reading = new CountDownLatch(1);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        ReadJobs reads = new ReadJobs(service);
        Job job = reads.submit(HOST, (cancel, progress) -> {
            CountDownLatch stopped = new CountDownLatch(1);
            cancel.onCancel(stopped::countDown);
            progress.report(new Amount(1, 10, Amount.Unit.REPOSITORIES));
            reading.countDown();
            assertTrue(stopped.await(30, TimeUnit.SECONDS), "the job's cancel reaches the read");
            cancel.throwIfCancelled();
        }, () -> failure.complete(null), failure::complete);
        assertTrue(reading.await(30, TimeUnit.SECONDS));

        reads.cancel(job);
        assertTrue(failure.get(10, TimeUnit.SECONDS) instanceof CancellationException);
        assertEquals(JobState.CANCELLED, JobServiceTest.awaitFinished(job).state());
        assertFalse(service.retry(job), "a read is not retried: the overview reads what is left on request");
    }

    @Test
    void aReadCancelledWhileWaitingNeverRunsAndStillTellsTheCaller() throws Exception {
        service = new JobService(1, JobHistory.inMemory(), Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        Job busy = service.submit(new JobDescription(JobKind.COPY, "Copy", "a", "b"), (cancel, progress) -> {
            release.await(30, TimeUnit.SECONDS);
            return new JobOutcome(java.util.Optional.empty(), 0, "");
        });
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        ReadJobs reads = new ReadJobs(service);
        Job waiting = reads.submit(HOST, (cancel, progress) -> failure.complete(new AssertionError("a cancelled read ran")),
                () -> failure.complete(null), failure::complete);
        assertEquals(JobState.QUEUED, waiting.state());

        reads.cancel(waiting);
        assertTrue(failure.get(10, TimeUnit.SECONDS) instanceof CancellationException);
        release.countDown();
        assertEquals(JobState.DONE, JobServiceTest.awaitFinished(busy).state());
        assertEquals(JobState.CANCELLED, waiting.state());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            Thread.sleep(10);
        }
    }
}
