package dev.berth.jobs;

import dev.berth.work.CancelSignal;

/**
 * The blocking work of a job: a copy today, a cleanup apply or a long scan tomorrow. It runs once
 * per attempt, so a retry runs it again from the start (a copy then skips what is already there).
 */
@FunctionalInterface
public interface JobWork {
    JobOutcome run(CancelSignal cancel, JobProgress progress) throws Exception;
}
