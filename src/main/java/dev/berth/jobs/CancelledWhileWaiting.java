package dev.berth.jobs;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job cancelled while it waited never runs its work, so the work cannot tell its caller it
 * stopped: this tells the caller instead, once, so that it stops waiting too.
 */
final class CancelledWhileWaiting {

    private CancelledWhileWaiting() {
    }

    /** Runs {@code tell} if {@code job} ends cancelled before its work set {@code started}. */
    static void watch(JobService jobs, Job job, AtomicBoolean started, Runnable tell) {
        AtomicReference<Runnable> stopListening = new AtomicReference<>();
        AtomicBoolean told = new AtomicBoolean();
        stopListening.set(jobs.listen(changed -> {
            if (changed != job || !changed.state().finished()) return;
            Runnable stop = stopListening.get();
            if (stop != null) stop.run();
            if (changed.state() == JobState.CANCELLED && !started.get() && told.compareAndSet(false, true)) tell.run();
        }));
    }
}
