package dev.berth.jobs;

import dev.berth.work.Progress;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The app's one job service (usable by the CLI too): runs jobs a bounded number at a time, the
 * rest waiting in order; cancels and retries them; tells listeners what changed (progress at most
 * every {@link #UPDATE_INTERVAL} per job, state changes always); keeps the summaries of finished
 * jobs in a {@link JobHistory}.
 */
public final class JobService implements AutoCloseable {

    public static final int DEFAULT_RUNNING = 3;
    public static final Duration UPDATE_INTERVAL = Duration.ofMillis(100);
    private static final System.Logger LOG = System.getLogger(JobService.class.getName());

    private final ExecutorService runners;
    private final JobHistory history;
    private final Clock clock;
    private final LongSupplier nanos;
    private final AtomicLong ids = new AtomicLong();
    private final List<Job> jobs = new CopyOnWriteArrayList<>();
    private final List<Progress<Job>> listeners = new CopyOnWriteArrayList<>();

    public JobService(int maxRunning, JobHistory history, Clock clock) {
        this(maxRunning, history, clock, System::nanoTime);
    }

    JobService(int maxRunning, JobHistory history, Clock clock, LongSupplier nanos) {
        if (maxRunning < 1) throw new IllegalArgumentException("at least one job must be able to run, not " + maxRunning);
        // Jobs spend their time waiting on the network and the disk: virtual threads, a fixed number of them at once.
        this.runners = Executors.newFixedThreadPool(maxRunning, Thread.ofVirtual().name("berth-job-", 0).factory());
        this.history = history;
        this.clock = clock;
        this.nanos = nanos;
    }

    /** Queues {@code work}; it starts when fewer than the maximum are running. */
    public Job submit(JobDescription what, JobWork work) {
        Job job = new Job(ids.incrementAndGet(), what, work);
        jobs.add(job);
        queue(job, 1);
        return job;
    }

    /** Stops a job: at once when it waits, as soon as its work notices when it runs. */
    public void cancel(Job job) {
        if (job.cancel()) finished(job);
    }

    /** A new attempt of a failed or cancelled job, queued like a new one; false when the job is not retryable. */
    public boolean retry(Job job) {
        Optional<Integer> attempt = job.requeue();
        attempt.ifPresent(n -> queue(job, n));
        return attempt.isPresent();
    }

    /** The jobs of this run, oldest first. */
    public List<Job> jobs() {
        return List.copyOf(jobs);
    }

    /** The summaries of finished jobs, this run's and earlier runs', oldest first. */
    public List<JobSummary> history() {
        return history.summaries();
    }

    /**
     * Tells {@code listener} of every job that changed (its state, or its progress at most every
     * {@link #UPDATE_INTERVAL}), on the job's thread or the caller's: it must be quick, e.g. a batcher
     * for the UI thread. Returns what stops the telling.
     */
    public Runnable listen(Progress<Job> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void queue(Job job, int attempt) {
        job.attach(new JobProgress(nanos, () -> progressed(job)));
        tell(job);
        runners.execute(() -> run(job, attempt));
    }

    private void run(Job job, int attempt) {
        Optional<Job.Running> started = job.start(attempt, nanos.getAsLong());
        if (started.isEmpty()) return;
        tell(job);
        Job.Running running = started.get();
        try {
            JobOutcome outcome = job.work.run(running.cancel(), running.progress());
            if (running.cancel().isCancelled()) job.finish(JobState.CANCELLED, Optional.empty(), Optional.empty(), nanos.getAsLong());
            else job.finish(JobState.DONE, Optional.of(outcome), Optional.empty(), nanos.getAsLong());
        } catch (Throwable e) {
            // Whatever a cancelled job throws on its way out (an aborted call, a closed stream) is the cancel, not a failure.
            if (running.cancel().isCancelled()) job.finish(JobState.CANCELLED, Optional.empty(), Optional.empty(), nanos.getAsLong());
            else job.finish(JobState.FAILED, Optional.empty(), Optional.of(JobErrors.words(e)), nanos.getAsLong());
            if (!(e instanceof Exception)) LOG.log(System.Logger.Level.ERROR, "job failed: " + job, e);
        }
        finished(job);
    }

    private void finished(Job job) {
        try {
            history.add(JobSummary.of(job.snapshot(), clock.instant()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the job history cannot be written: " + e.getMessage());
        }
        tell(job);
    }

    private void progressed(Job job) {
        if (job.dueForUpdate(nanos.getAsLong(), UPDATE_INTERVAL.toNanos())) tell(job);
    }

    private void tell(Job job) {
        for (Progress<Job> listener : listeners) listener.report(job);
    }

    /** Cancels what runs and waits, briefly, for it to discard what it wrote. */
    @Override
    public void close() {
        List<Job> all = new ArrayList<>(jobs);
        all.forEach(Job::cancel);
        runners.shutdown();
        try {
            runners.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
