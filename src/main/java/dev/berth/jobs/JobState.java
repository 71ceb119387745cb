package dev.berth.jobs;

/** Where a job is in its life. A failed or cancelled job can be retried: it is queued again. */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    public boolean retryable() {
        return this == FAILED || this == CANCELLED;
    }

    /** The word a row shows. */
    public String word() {
        return switch (this) {
            case QUEUED -> "Waiting";
            case RUNNING -> "Running";
            case DONE -> "Done";
            case FAILED -> "Failed";
            case CANCELLED -> "Cancelled";
        };
    }
}
