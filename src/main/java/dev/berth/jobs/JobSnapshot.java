package dev.berth.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A job as it is at one moment: what a row, a notice or a test reads. */
public record JobSnapshot(long id, JobDescription what, JobState state, int attempt, JobProgress.View progress, Optional<String> error,
        Optional<JobOutcome> outcome, Duration elapsed, Optional<String> noRetry) {

    public JobSnapshot {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(noRetry, "noRetry");
    }

    /** Whether a new attempt may be queued now: it stopped, and its work is safe to run again. */
    public boolean retryable() {
        return state.retryable() && noRetry.isEmpty();
    }
}
