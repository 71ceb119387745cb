package dev.berth.ui.common;

import dev.berth.work.CancelSignal;

/** Blocking work to run off the FX thread; it gets a signal to stop early and a place to report progress. */
@FunctionalInterface
public interface BackgroundWork<T> {
    T run(CancelSignal cancel, Progress progress) throws Exception;

    /** Where long work says how far it has got (thread-safe; the UI samples it). */
    interface Progress {
        Progress NONE = (done, total, message) -> {};

        void update(long done, long total, String message);
    }
}
