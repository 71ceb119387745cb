package dev.berth.cleanup;

/** Told as undo puts each manifest back (from the restoring thread). */
@FunctionalInterface
public interface RestoreListener {

    RestoreListener NONE = (outcome, done, total) -> {};

    void finished(RestoreOutcome outcome, int done, int total);
}
