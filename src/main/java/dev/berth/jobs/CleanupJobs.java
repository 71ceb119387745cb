package dev.berth.jobs;

import dev.berth.domain.Plural;
import dev.berth.cleanup.ApplyEvent;
import dev.berth.cleanup.ApplyResult;
import dev.berth.cleanup.CleanupPlan;
import dev.berth.cleanup.DeletionOutcome;
import dev.berth.work.Amount;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a cleanup apply as a job of a {@link JobService}: a row with the manifests done of those
 * planned, cancel (the executor stops between removals, the journal stays whole), a notice and a
 * summary. Its caller hears the {@link ApplyResult} itself, to show it and offer Undo.
 */
public final class CleanupJobs {

    /** Why a cleanup job has no Retry: the plan was made against the registry as it was. */
    public static final String NO_RETRY = "No Retry for a cleanup: the registry may have changed since its preview. "
            + "Preview again, then apply.";

    /** The apply itself, {@code CleanupExecutor::apply} of a connected executor. */
    @FunctionalInterface
    public interface Apply {
        ApplyResult apply(CleanupPlan plan, Progress<ApplyEvent> events, CancelSignal cancel) throws IOException;
    }

    private final JobService jobs;

    public CleanupJobs(JobService jobs) {
        this.jobs = jobs;
    }

    /**
     * Queues applying {@code plan} to {@code label} (a repository, a namespace, a connection: never
     * a secret). {@code events} hears every apply event, {@code applied} the result (a cancelled
     * apply has one too) and {@code failed} why it stopped, all on the job's thread.
     */
    public Job submit(String registry, String label, CleanupPlan plan, Apply apply, Progress<ApplyEvent> events,
            Consumer<ApplyResult> applied, Consumer<Throwable> failed) {
        AtomicBoolean started = new AtomicBoolean();
        Job job = jobs.submit(describe(registry, label, plan), JobWork.once(NO_RETRY, (cancel, progress) -> {
            started.set(true);
            Progress<Amount> counted = progress.amountProgress();
            Amount.Unit unit = plan.untags().isEmpty() ? new Amount.Unit("manifest deleted", "manifests deleted")
                    : new Amount.Unit("removal done", "removals done");
            // Only what is gone counts: after a cancel, the skipped rest also "ends", but nothing happened to it.
            AtomicInteger gone = new AtomicInteger();
            ApplyResult result;
            try {
                result = apply.apply(plan, event -> {
                    events.report(event);
                    if (event instanceof ApplyEvent.Started s) counted.report(new Amount(0, s.total(), unit));
                    if (event instanceof ApplyEvent.Deleted d && d.outcome().status() == DeletionOutcome.Status.DELETED) {
                        counted.report(new Amount(gone.incrementAndGet(), d.total(), unit));
                    }
                }, cancel);
            } catch (Exception | Error e) {
                failed.accept(e);
                throw e;
            }
            applied.accept(result);
            return new JobOutcome(Optional.empty(), 0, note(result));
        }));
        CancelledWhileWaiting.watch(jobs, job, started,
                () -> failed.accept(new CancellationException("The cleanup was cancelled before it started: nothing was deleted.")));
        return job;
    }

    /** Asks the apply to stop: it finishes the removals under way and keeps the journal whole. */
    public void cancel(Job job) {
        jobs.cancel(job);
    }

    /** "Clean up team/app: delete 4 manifests, untag 2". */
    static JobDescription describe(String registry, String label, CleanupPlan plan) {
        int deletions = plan.deletions().size();
        int untags = plan.untags().size();
        String what = (deletions == 0 ? "" : "delete " + Plural.of(deletions, "manifest", "manifests"))
                + (deletions == 0 || untags == 0 ? "" : ", ")
                + (untags == 0 ? "" : "untag " + Plural.of(untags, "tag", "tags"));
        return new JobDescription(JobKind.CLEANUP, JobKind.CLEANUP.verb() + " " + label + ": " + what, registry, "");
    }

    private static String note(ApplyResult result) {
        return "deleted " + result.deleted() + (result.untagged() > 0 ? ", untagged " + result.untagged() : "") + ", failed "
                + result.failed() + ", skipped " + result.skipped() + " · journal " + result.journalId();
    }
}
