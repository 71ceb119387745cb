package dev.berth.jobs;

import dev.berth.domain.Plural;
import dev.berth.work.Amount;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs a long read of a registry (the overview's "Read the other N repositories") as a job of a
 * {@link JobService}: a row with the repositories read of those to read, and cancel. Its caller
 * adds up and shows what was read itself; it hears only that the read ended, and why.
 */
public final class ReadJobs {

    /** Why a read has no Retry: what it read is already in the overview, which reads the rest on request. */
    public static final String NO_RETRY = "No Retry for a read: press Read the other repositories in the registry overview "
            + "to read what is left.";

    /** The read itself: it reports repositories read of those to read, and stops when {@code cancel} says so. */
    @FunctionalInterface
    public interface Read {
        void read(CancelSignal cancel, Progress<Amount> progress) throws Exception;
    }

    private final JobService jobs;

    public ReadJobs(JobService jobs) {
        this.jobs = jobs;
    }

    /**
     * Queues reading the repositories of {@code host} (never a secret). {@code done} runs when the
     * read is through, {@code failed} with why it stopped (a {@link CancellationException} when it
     * was cancelled, even before it started), both on the job's thread.
     */
    public Job submit(String host, Read read, Runnable done, Consumer<Throwable> failed) {
        AtomicBoolean started = new AtomicBoolean();
        Job job = jobs.submit(describe(host), JobWork.once(NO_RETRY, (cancel, progress) -> {
            started.set(true);
            Progress<Amount> counted = progress.amountProgress();
            AtomicLong count = new AtomicLong();
            try {
                read.read(cancel, amount -> {
                    count.set(amount.done());
                    counted.report(amount);
                });
            } catch (Exception | Error e) {
                failed.accept(cancel.isCancelled() ? new CancellationException("The read was cancelled.") : e);
                throw e;
            }
            done.run();
            return new JobOutcome(Optional.empty(), 0, Plural.of(count.get(), "repository", "repositories") + " read");
        }));
        CancelledWhileWaiting.watch(jobs, job, started,
                () -> failed.accept(new CancellationException("The read was cancelled before it started.")));
        return job;
    }

    /** Asks the read to stop after the repository under way. */
    public void cancel(Job job) {
        jobs.cancel(job);
    }

    /** "Read the repositories of registry.example:5000". */
    static JobDescription describe(String host) {
        return new JobDescription(JobKind.READ, JobKind.READ.verb() + " the repositories of " + host, host, "");
    }
}
