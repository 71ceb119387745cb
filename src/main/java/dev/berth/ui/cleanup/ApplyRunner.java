package dev.berth.ui.cleanup;

import dev.berth.cleanup.ApplyEvent;
import dev.berth.cleanup.ApplyResult;
import dev.berth.cleanup.CleanupPlan;
import dev.berth.jobs.CleanupJobs;
import dev.berth.jobs.Job;
import dev.berth.ui.common.JobForView;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UiTask;
import dev.berth.work.Amount;
import dev.berth.work.Progress;
import java.util.function.Consumer;

/**
 * Where a cleanup apply runs: as a job of the jobs panel in the app, or straight on the
 * {@link UiExecutor} (view-model tests, which run it synchronously). Either way the view hears the
 * same events and result on the UI thread, and cancelling the returned task stops the apply.
 */
@FunctionalInterface
public interface ApplyRunner {

    /**
     * Starts applying {@code plan} to {@code target}. {@code events} hears every event on the apply's
     * threads; {@code applied} or {@code failed} runs on the UI thread unless the task was cancelled.
     */
    UiTask start(CleanupTarget target, CleanupPlan plan, CleanupJobs.Apply apply, Progress<ApplyEvent> events,
            Consumer<ApplyResult> applied, Consumer<Throwable> failed);

    /** What the status bar counts while a cleanup applies: tags untagged and manifests deleted alike. */
    Amount.Unit REMOVALS = new Amount.Unit("removal", "removals");

    /** Background work of the UI executor, shown in the status bar only. */
    static ApplyRunner on(UiExecutor executor) {
        return (target, plan, apply, events, applied, failed) -> executor.submit("Cleaning up " + target.label(), (cancel, work) ->
                apply.apply(plan, event -> {
                    events.report(event);
                    if (event instanceof ApplyEvent.Deleted d) work.report(new Amount(d.done(), d.total(), REMOVALS));
                }, cancel), applied, failed);
    }

    /**
     * A job of {@code jobs}: a row in the jobs panel that can cancel it too. A cancel from the panel
     * still hands the (cancelled) result to the view, so Undo covers what was already deleted.
     */
    static ApplyRunner asJobs(UiExecutor executor, CleanupJobs jobs) {
        return (target, plan, apply, events, applied, failed) -> {
            JobForView link = new JobForView(executor);
            Job job = jobs.submit(target.registry().host(), target.label(), plan, apply, events, link.toView(applied), link.toView(failed));
            return link.task("Cleaning up " + target.label(), () -> jobs.cancel(job));
        };
    }
}
