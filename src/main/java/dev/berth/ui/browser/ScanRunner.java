package dev.berth.ui.browser;

import dev.berth.jobs.Job;
import dev.berth.jobs.ReadJobs;
import dev.berth.ui.common.BackgroundWork;
import dev.berth.ui.common.JobForView;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UiTask;
import java.util.function.Consumer;

/**
 * Where the overview's long read (Read the other N repositories) runs: as a job of the jobs panel
 * in the app, or straight on the {@link UiExecutor} (view-model tests). Either way the overview
 * hears the end on the UI thread, and cancelling the returned task stops the read.
 */
@FunctionalInterface
public interface ScanRunner {

    /**
     * Starts {@code read} of the repositories of {@code host}; {@code done} or {@code failed} runs on
     * the UI thread unless the returned task was cancelled (a cancel from elsewhere, such as the jobs
     * panel, reaches {@code failed} as a {@link java.util.concurrent.CancellationException}).
     */
    UiTask start(String host, String description, BackgroundWork<Void> read, Runnable done, Consumer<Throwable> failed);

    /** Background work of the UI executor, shown in the status bar only. */
    static ScanRunner on(UiExecutor executor) {
        return (host, description, read, done, failed) -> executor.submit(description, read, nothing -> done.run(), failed::accept);
    }

    /** A job of {@code jobs}: a row in the jobs panel, whose cancel stops the read as the overview's own stop does. */
    static ScanRunner asJobs(UiExecutor executor, ReadJobs jobs) {
        return (host, description, read, done, failed) -> {
            JobForView link = new JobForView(executor);
            Consumer<Void> finished = link.toView(nothing -> done.run());
            Job job = jobs.submit(host, read::run, () -> finished.accept(null), link.toView(failed));
            return link.task(description, () -> jobs.cancel(job));
        };
    }
}
