package dev.berth.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.jobs.Job;
import dev.berth.jobs.JobDescription;
import dev.berth.jobs.JobHistory;
import dev.berth.jobs.JobKind;
import dev.berth.jobs.JobOutcome;
import dev.berth.jobs.JobService;
import dev.berth.jobs.JobState;
import dev.berth.jobs.JobSummary;
import dev.berth.jobs.LayerProgress;
import dev.berth.ui.common.BackgroundWork;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UiTask;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The panel's state without a toolkit: batched updates, rows, counts, notices, retry, earlier runs. */
class JobsViewModelTest {

    /** Queues UI-thread work until the test runs it, and remembers the most that was ever waiting. */
    private static final class QueueingExecutor implements UiExecutor {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private int mostWaiting;

        @Override
        public <T> UiTask submit(String description, BackgroundWork<T> work, Consumer<? super T> onSuccess,
                Consumer<? super Throwable> onFailure) {
            try {
                onSuccess.accept(work.run(CancelSignal.none(), Progress.none()));
            } catch (Exception e) {
                onFailure.accept(e);
            }
            return new UiTask(description, CancelSignal.none());
        }

        @Override
        public synchronized void onUiThread(Runnable action) {
            queue.add(action);
            mostWaiting = Math.max(mostWaiting, queue.size());
        }

        void runPending() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = queue.poll();
                }
                if (next == null) return;
                next.run();
            }
        }
    }

    private final QueueingExecutor executor = new QueueingExecutor();
    private final List<JobNotice> notices = new ArrayList<>();
    private JobService service = new JobService(3, JobHistory.inMemory(), Clock.systemUTC());

    @AfterEach
    void close() {
        service.close();
    }

    private static JobDescription description(String title) {
        return new JobDescription(JobKind.EXPORT, title, "localhost:5000/team/app:1.0", "/tmp/app.tar");
    }

    @Test
    void twentyJobsWithThousandsOfLayerUpdatesReachTheUiThreadAsOnePendingBatch() throws Exception {
        JobsViewModel jobs = new JobsViewModel(executor, service, notices::add);
        List<Job> submitted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            submitted.add(service.submit(description("job " + i), (cancel, progress) -> {
                for (int step = 1; step <= 500; step++) {
                    for (int layer = 0; layer < 4; layer++) progress.layer("sha256:" + layer, 1000, step * 2L, LayerProgress.State.MOVING);
                    progress.overall(step * 8L, 4000, 0, 4);
                }
                return new JobOutcome(Optional.empty(), 4000, "4 copied");
            }));
        }
        waitUntil(() -> submitted.stream().allMatch(j -> j.state().finished()));

        assertEquals(1, executor.mostWaiting, "one pending UI update at a time, never one per event");
        executor.runPending();
        assertEquals(20, jobs.rows().size());
        assertTrue(jobs.rows().stream().allMatch(r -> r.stateProperty().get() == JobState.DONE));
        assertEquals(4, jobs.rows().getFirst().layers().size());
        assertTrue(jobs.rows().getFirst().showsLayers(), "a transfer offers its bar per layer");
        assertEquals("Jobs: all finished", jobs.statusProperty().get());
    }

    @Test
    void aCountedJobWithoutRetryShowsItsCountSaysWhyNoRetryAndLeavesThePanelShut() throws Exception {
        JobsViewModel jobs = new JobsViewModel(executor, service, notices::add);
        JobDescription cleanup = new JobDescription(JobKind.CLEANUP, "Clean up team/app: delete 4 manifests", "localhost:5000", "");
        Job failing = service.submit(cleanup, dev.berth.jobs.JobWork.once("No Retry: preview again.", (cancel, progress) -> {
            progress.amountProgress().report(new dev.berth.work.Amount(1, 4, new dev.berth.work.Amount.Unit("manifest deleted", "manifests deleted")));
            throw new IOException("Connection reset");
        }));
        waitUntil(() -> failing.state() == JobState.FAILED);
        executor.runPending();

        JobRow row = jobs.rows().getFirst();
        assertFalse(jobs.expandedProperty().get(), "the cleanup view shows its own apply");
        assertEquals("localhost:5000", row.routeProperty().get());
        assertFalse(row.canRetryProperty().get());
        assertFalse(row.showsLayers(), "a cleanup moves no layers: no layers toggle");
        assertTrue(row.detailProperty().get().contains("Connection reset") && row.detailProperty().get().contains("No Retry: preview again."),
                row.detailProperty().get());
        assertEquals(0.25, row.fractionProperty().get(), 1e-9);
        assertEquals("", row.speedProperty().get(), "no bytes per second for manifests");
        assertTrue(notices.getLast().text().contains("No Retry: preview again."), notices.getLast().text());
        jobs.retry(row);
        assertEquals(JobState.FAILED, failing.state(), "a refused retry queues nothing");

        Job done = service.submit(cleanup, dev.berth.jobs.JobWork.once("No Retry: preview again.", (cancel, progress) -> {
            progress.amountProgress().report(new dev.berth.work.Amount(4, 4, new dev.berth.work.Amount.Unit("manifest deleted", "manifests deleted")));
            return new JobOutcome(Optional.empty(), 0, "deleted 4, failed 0, skipped 0");
        }));
        waitUntil(() -> done.state() == JobState.DONE);
        executor.runPending();
        assertEquals("Clean up finished", notices.getLast().title());
        assertTrue(notices.getLast().text().contains("deleted 4") && !notices.getLast().text().contains("moved"), notices.getLast().text());
    }

    @Test
    void aFailedJobSaysWhatHappenedAndIsRetriedAsANewAttempt() throws Exception {
        JobsViewModel jobs = new JobsViewModel(executor, service, notices::add);
        AtomicInteger attempts = new AtomicInteger();
        Job job = service.submit(description("Export localhost:5000/team/app:1.0"), (cancel, progress) -> {
            if (attempts.incrementAndGet() == 1) throw new IOException("Broken pipe");
            return new JobOutcome(Optional.empty(), 10, "1 copied");
        });
        waitUntil(() -> job.state() == JobState.FAILED);
        executor.runPending();

        JobRow row = jobs.rows().getFirst();
        assertEquals(JobState.FAILED, row.stateProperty().get());
        assertTrue(row.canRetryProperty().get());
        assertFalse(row.canCancelProperty().get());
        assertTrue(row.detailProperty().get().contains("Broken pipe"), row.detailProperty().get());
        assertEquals("1 failed", jobs.statusProperty().get());
        assertEquals(1, jobs.failedProperty().get());
        JobNotice notice = notices.getLast();
        assertTrue(notice.failed());
        assertEquals("Export failed", notice.title());
        assertTrue(notice.text().contains("Broken pipe") && notice.text().contains("Retry"), notice.text());

        jobs.retry(row);
        waitUntil(() -> job.state() == JobState.DONE);
        executor.runPending();
        assertEquals(JobState.DONE, row.stateProperty().get());
        assertTrue(row.titleProperty().get().endsWith("(attempt 2)"), row.titleProperty().get());
        assertEquals(0, jobs.failedProperty().get());
        assertEquals("Export finished", notices.getLast().title());
    }

    @Test
    void runningAndWaitingJobsAreCountedAndACancelIsNotAFailure() throws Exception {
        JobsViewModel jobs = new JobsViewModel(executor, service, notices::add);
        List<Job> blocked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            blocked.add(service.submit(description("job " + i), (cancel, progress) -> {
                while (!cancel.isCancelled()) Thread.sleep(5);
                throw new java.util.concurrent.CancellationException();
            }));
        }
        waitUntil(() -> blocked.stream().filter(j -> j.state() == JobState.RUNNING).count() == 3);
        executor.runPending();
        assertEquals("3 jobs running · 1 waiting", jobs.statusProperty().get());

        jobs.rows().forEach(jobs::cancel);
        waitUntil(() -> blocked.stream().allMatch(j -> j.state() == JobState.CANCELLED));
        executor.runPending();
        assertEquals(List.of(), notices, "a cancel is what the person asked for: no notice");
        assertTrue(jobs.rows().stream().allMatch(r -> r.canRetryProperty().get()));
        jobs.clearFinished();
        assertEquals(List.of(), jobs.rows());
    }

    @Test
    void jobsOfEarlierRunsAreListedFromTheHistory() throws Exception {
        JobHistory history = JobHistory.inMemory();
        history.add(new JobSummary(description("Export localhost:5000/team/app:0.9"), JobState.DONE, Optional.of("sha256:abc"), 2048,
                Duration.ofSeconds(3), Optional.empty(), Instant.parse("2026-01-01T00:00:00Z")));
        service.close();
        service = new JobService(3, history, Clock.systemUTC());
        JobsViewModel jobs = new JobsViewModel(executor, service, notices::add);

        jobs.start();

        assertEquals(1, jobs.rows().size());
        JobRow earlier = jobs.rows().getFirst();
        assertTrue(earlier.earlier());
        assertFalse(earlier.showsLayers(), "its layers are gone with its run");
        assertFalse(earlier.canRetryProperty().get(), "its work is gone with its run");
        assertTrue(earlier.detailProperty().get().contains("earlier run"), earlier.detailProperty().get());
    }

    @Test
    void aReadRowSaysWhatItCountsWhenCancelledWaitingAndFromAnEarlierRunShowsNoBytes() throws Exception {
        JobHistory history = JobHistory.inMemory();
        history.add(new JobSummary(new JobDescription(JobKind.READ, "Read the repositories of localhost:5000", "localhost:5000", ""),
                JobState.DONE, Optional.empty(), 0, Duration.ofSeconds(3), Optional.empty(), Instant.parse("2026-01-01T00:00:00Z")));
        service.close();
        service = new JobService(1, history, Clock.systemUTC());
        JobsViewModel jobs = new JobsViewModel(executor, service, notices::add);
        jobs.start();
        JobRow earlier = jobs.rows().getFirst();
        assertEquals("Ran for " + JobsText.duration(Duration.ofSeconds(3)) + " · earlier run", earlier.detailProperty().get());

        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Job busy = service.submit(description("busy"), (cancel, progress) -> {
            release.await(30, TimeUnit.SECONDS);
            return new JobOutcome(Optional.empty(), 0, "");
        });
        Job read = new dev.berth.jobs.ReadJobs(service).submit("localhost:5000", (cancel, progress) -> { }, () -> { }, error -> { });
        service.cancel(read);
        release.countDown();
        waitUntil(() -> busy.state().finished() && read.state().finished());
        executor.runPending();
        JobRow row = jobs.rows().stream().filter(r -> r.kind() == JobKind.READ && !r.earlier()).findFirst().orElseThrow();
        assertEquals("Cancelled before it started · " + dev.berth.jobs.ReadJobs.NO_RETRY, row.detailProperty().get(),
                "no bytes, nothing half written: it never ran; and why there is no Retry");
        assertFalse(row.showsLayers(), "a read moves no layers");
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            Thread.sleep(10);
        }
    }
}
