package dev.berth.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What is kept of a finished job across restarts: what, from, to, digest, bytes, duration, and the error in words. */
public record JobSummary(JobDescription what, JobState state, Optional<String> digest, long bytes, Duration duration,
        Optional<String> error, Instant finished) {

    public JobSummary {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(finished, "finished");
        if (!state.finished()) throw new IllegalArgumentException("only a finished job has a summary, not a " + state + " one");
    }

    static JobSummary of(JobSnapshot job, Instant finished) {
        return new JobSummary(job.what(), job.state(), job.outcome().flatMap(JobOutcome::digest).map(Object::toString),
                job.outcome().map(JobOutcome::bytes).orElse(job.progress().bytesDone()), job.elapsed(), job.error(), finished);
    }
}
