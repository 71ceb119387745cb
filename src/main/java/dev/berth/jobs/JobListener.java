package dev.berth.jobs;

/**
 * Told that a job changed (state, or progress at most every so often). Called on the job's
 * thread or the caller's: it must be quick, e.g. hand the job to a batcher for the UI thread.
 */
@FunctionalInterface
public interface JobListener {
    void changed(Job job);
}
