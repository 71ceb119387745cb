package dev.berth.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.SummaryCache;
import dev.berth.cleanup.ApplyResult;
import dev.berth.cleanup.CleanupExecutor;
import dev.berth.cleanup.CleanupPlan;
import dev.berth.cleanup.CleanupPlanner;
import dev.berth.cleanup.Journal;
import dev.berth.cleanup.JournalOperation;
import dev.berth.cleanup.RetentionRules;
import dev.berth.cleanup.ApplyEvent;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.work.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cleanup apply as a job, against a real registry: its row's count, cancel between removals, no Retry, the kept summary. */
class CleanupJobsTest {

    @TempDir
    static Path work;

    @TempDir
    Path temp;

    private static RegistryServer registry;
    private static RegistryClient client;
    private JobService service;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(work.resolve("registry")).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        for (String repository : List.of("team/app", "team/cancel", "team/waiting")) {
            for (int i = 0; i < 5; i++) seeder.pushImage(repository, "1." + i, TestImages.ociImage(800 + i, 2_000 + i, 500));
        }
        client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @AfterEach
    void close() {
        if (service != null) service.close();
    }

    @Test
    void anApplyIsAJobThatCountsManifestsHasNoRetryAndIsRemembered() throws Exception {
        Path file = temp.resolve("jobs.json");
        service = new JobService(1, JobHistory.in(file), Clock.systemUTC());
        List<JobSnapshot> seen = new CopyOnWriteArrayList<>();
        service.listen(job -> seen.add(job.snapshot()));
        CleanupPlan plan = plan("team/app");
        assertEquals(4, plan.deletions().size());
        Journal journal = new Journal(temp.resolve("journal"));
        CompletableFuture<ApplyResult> applied = new CompletableFuture<>();

        Job job = new CleanupJobs(service).submit(registry.hostPort(), "team/app", plan, new CleanupExecutor(client, journal, 1)::apply,
                Progress.none(), applied::complete, applied::completeExceptionally);
        ApplyResult result = applied.get(30, TimeUnit.SECONDS);
        waitFor(job, JobState.DONE);

        assertEquals(4, result.deleted(), "the caller gets the apply's own result");
        JobSnapshot done = job.snapshot();
        assertEquals(JobKind.CLEANUP, done.what().kind());
        assertEquals("Clean up team/app: delete 4 manifests", done.what().title());
        assertEquals("4 of 4 manifests deleted", done.progress().amountWords());
        assertEquals(1.0, done.progress().fraction());
        assertFalse(done.progress().countsBytes());
        assertTrue(done.outcome().orElseThrow().note().contains("deleted 4"), done.outcome().toString());
        assertTrue(seen.stream().anyMatch(s -> s.state() == JobState.RUNNING), "the panel hears it run");

        assertFalse(done.retryable(), "re-running a plan blindly is not safe");
        assertEquals(CleanupJobs.NO_RETRY, done.noRetry().orElseThrow());
        assertFalse(service.retry(job));

        // The service writes the history just after the job reads DONE: wait for the line rather than race it.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (JobHistory.in(file).summaries().isEmpty() && System.nanoTime() < end) Thread.sleep(20);
        JobSummary kept = JobHistory.in(file).summaries().getLast();
        assertEquals(JobKind.CLEANUP, kept.what().kind());
        assertEquals(JobState.DONE, kept.state());
        assertEquals("Clean up team/app: delete 4 manifests", kept.what().title());
        assertEquals(1, client.tags("team/app").size());
    }

    @Test
    void cancelFromThePanelStopsBetweenRemovalsAndTheJournalAgrees() throws Exception {
        Path file = temp.resolve("jobs.json");
        service = new JobService(1, JobHistory.in(file), Clock.systemUTC());
        CleanupPlan plan = plan("team/cancel");
        Journal journal = new Journal(temp.resolve("journal"));
        CleanupJobs jobs = new CleanupJobs(service);
        CompletableFuture<Job> submitted = new CompletableFuture<>();
        CompletableFuture<ApplyResult> applied = new CompletableFuture<>();
        // The person presses Cancel in the panel once the first manifest is gone.
        Progress<ApplyEvent> cancelAfterFirst = event -> {
            if (event instanceof ApplyEvent.Deleted d && d.done() == 1) jobs.cancel(submitted.join());
        };

        submitted.complete(jobs.submit(registry.hostPort(), "team/cancel", plan, new CleanupExecutor(client, journal, 1)::apply,
                cancelAfterFirst, applied::complete, applied::completeExceptionally));
        ApplyResult result = applied.get(30, TimeUnit.SECONDS);
        Job job = submitted.get();
        waitFor(job, JobState.CANCELLED);

        assertTrue(result.cancelled(), "the view still gets the result, to show it and offer Undo");
        assertEquals(1, result.deleted());
        assertEquals(3, result.skipped());
        JournalOperation operation = journal.find(result.journalId()).orElseThrow();
        assertEquals(1, operation.deletedCount(), "the journal records exactly what went");
        assertEquals(4, client.tags("team/cancel").size());
        assertEquals("1 of 4 manifests deleted", job.snapshot().progress().amountWords());
        assertFalse(service.retry(job));
        assertEquals(JobState.CANCELLED, JobHistory.in(file).summaries().getLast().state());
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(written.contains("CLEANUP") && !written.contains("password"), written);
    }

    @Test
    void cancelWhileWaitingDeletesNothingAndStillTellsTheCaller() throws Exception {
        service = new JobService(1, JobHistory.inMemory(), Clock.systemUTC());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Job busy = service.submit(new JobDescription(JobKind.COPY, "Copy", "a", "b"), (cancel, progress) -> {
            release.await(30, TimeUnit.SECONDS);
            return new JobOutcome(java.util.Optional.empty(), 0, "");
        });
        CleanupPlan plan = plan("team/waiting");
        CompletableFuture<ApplyResult> applied = new CompletableFuture<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CleanupJobs jobs = new CleanupJobs(service);
        Job waiting = jobs.submit(registry.hostPort(), "team/waiting", plan,
                new CleanupExecutor(client, new Journal(temp.resolve("journal")), 1)::apply, Progress.none(), applied::complete,
                failure::complete);
        assertEquals(JobState.QUEUED, waiting.state());

        jobs.cancel(waiting);
        Throwable error = failure.get(10, TimeUnit.SECONDS);
        assertTrue(error instanceof java.util.concurrent.CancellationException && error.getMessage().contains("nothing was deleted"),
                error.toString());
        assertFalse(applied.isDone());
        release.countDown();
        waitFor(busy, JobState.DONE);
        assertEquals(JobState.CANCELLED, waiting.state());
        assertEquals(5, client.tags("team/waiting").size(), "nothing was deleted");
    }

    private static CleanupPlan plan(String repository) throws Exception {
        var snapshot = new RepositoryScanner(SummaryCache.none()).scan(client, repository, Progress.none());
        return CleanupPlanner.plan(snapshot, RetentionRules.keepLast(1), Instant.now());
    }

    private static void waitFor(Job job, JobState state) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (job.state() != state && System.nanoTime() < end) Thread.sleep(20);
        assertEquals(state, job.state(), job.snapshot().error().orElse(""));
    }
}
