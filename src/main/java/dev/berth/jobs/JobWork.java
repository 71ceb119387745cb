package dev.berth.jobs;

import dev.berth.work.CancelSignal;
import java.util.Optional;

/**
 * The blocking work of a job: a copy today, a cleanup apply or a long scan tomorrow. It runs once
 * per attempt, so a retry runs it again from the start (a copy then skips what is already there).
 */
@FunctionalInterface
public interface JobWork {
    JobOutcome run(CancelSignal cancel, JobProgress progress) throws Exception;

    /** Why running it again is not offered, in words a row shows; empty (a copy) when a retry is safe. */
    default Optional<String> noRetry() {
        return Optional.empty();
    }

    /** {@code work} that may run only once: a retry is refused {@code because}. */
    static JobWork once(String because, JobWork work) {
        return new JobWork() {
            @Override
            public JobOutcome run(CancelSignal cancel, JobProgress progress) throws Exception {
                return work.run(cancel, progress);
            }

            @Override
            public Optional<String> noRetry() {
                return Optional.of(because);
            }
        };
    }
}
