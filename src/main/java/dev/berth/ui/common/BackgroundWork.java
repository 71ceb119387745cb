package dev.berth.ui.common;

import dev.berth.work.Amount;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;

/** Blocking work to run off the FX thread; it gets a signal to stop early and a place to report progress. */
@FunctionalInterface
public interface BackgroundWork<T> {
    /** {@code progress} is thread-safe and cheap: the status bar shows the latest amount, at most one update pending. */
    T run(CancelSignal cancel, Progress<Amount> progress) throws Exception;
}
