package dev.berth.jobs;

import dev.berth.work.CancelSignal;
import java.time.Duration;
import java.util.Optional;

/**
 * One job of the {@link JobService}: its description and work, and the state of its current
 * attempt. State changes belong to the service; everyone else reads {@link #snapshot()}.
 */
public final class Job {

    private final long id;
    private final JobDescription what;
    final JobWork work;

    // Guarded by this
    private JobState state = JobState.QUEUED;
    private int attempt = 1;
    private CancelSignal cancel = new CancelSignal();
    private JobProgress progress;
    private Optional<String> error = Optional.empty();
    private Optional<JobOutcome> outcome = Optional.empty();
    private long startedNanos;
    private long elapsedNanos;
    private long lastToldNanos = Long.MIN_VALUE;

    Job(long id, JobDescription what, JobWork work) {
        this.id = id;
        this.what = what;
        this.work = work;
    }

    public long id() {
        return id;
    }

    public JobDescription what() {
        return what;
    }

    public synchronized JobState state() {
        return state;
    }

    public synchronized int attempt() {
        return attempt;
    }

    public synchronized JobSnapshot snapshot() {
        JobProgress.View view = progress == null ? JobProgress.View.NONE : progress.view();
        long elapsed = state == JobState.RUNNING ? System.nanoTime() - startedNanos : elapsedNanos;
        return new JobSnapshot(id, what, state, attempt, view, error, outcome, Duration.ofNanos(Math.max(0, elapsed)), work.noRetry());
    }

    // Transitions, called by the service

    synchronized void attach(JobProgress fresh) {
        progress = fresh;
    }

    /** Starts {@code expectedAttempt} unless it was cancelled or superseded while queued; its signal and progress, or empty. */
    synchronized Optional<Running> start(int expectedAttempt, long now) {
        if (attempt != expectedAttempt || state != JobState.QUEUED) return Optional.empty();
        state = JobState.RUNNING;
        startedNanos = now;
        return Optional.of(new Running(cancel, progress));
    }

    synchronized void finish(JobState end, Optional<JobOutcome> result, Optional<String> words, long now) {
        state = end;
        outcome = result;
        error = words;
        elapsedNanos = startedNanos == 0 ? 0 : now - startedNanos;
    }

    /** A queued job is cancelled at once; a running one is asked to stop (it finishes as cancelled). */
    synchronized boolean cancel() {
        if (state.finished()) return false;
        cancel.cancel();
        if (state == JobState.QUEUED) {
            state = JobState.CANCELLED;
            return true;
        }
        return false;
    }

    /** Queues the next attempt; its number, or empty when the job is not retryable. */
    synchronized Optional<Integer> requeue() {
        if (!state.retryable() || work.noRetry().isPresent()) return Optional.empty();
        attempt++;
        state = JobState.QUEUED;
        cancel = new CancelSignal();
        error = Optional.empty();
        outcome = Optional.empty();
        startedNanos = 0;
        elapsedNanos = 0;
        return Optional.of(attempt);
    }

    /** Whether a progress update should be passed on now: at most one per {@code interval} per job. */
    synchronized boolean dueForUpdate(long now, long interval) {
        if (lastToldNanos != Long.MIN_VALUE && now - lastToldNanos < interval) return false;
        lastToldNanos = now;
        return true;
    }

    record Running(CancelSignal cancel, JobProgress progress) {}

    @Override
    public String toString() {
        return "job " + id + " (" + what.title() + ")";
    }
}
