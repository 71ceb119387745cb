package dev.berth.ui.jobs;

import dev.berth.domain.Plural;
import dev.berth.domain.ByteSize;
import dev.berth.jobs.Job;
import dev.berth.jobs.JobService;
import dev.berth.jobs.JobSnapshot;
import dev.berth.jobs.JobState;
import dev.berth.jobs.JobSummary;
import dev.berth.ui.common.UiBatcher;
import dev.berth.ui.common.UiExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The jobs panel's state. Job changes arrive on job threads and reach the FX thread through a
 * {@link UiBatcher}: one pending update however many jobs and layers report, each changed job
 * read once per update.
 */
public final class JobsViewModel {

    /** New rows shown per FX update; the rest follow in the next. */
    static final int NEW_ROWS_PER_UPDATE = 3;

    private final UiExecutor executor;
    private final JobService jobs;
    private final JobNotice.Sink notices;
    private final UiBatcher<Job> changes;
    private final Map<Long, JobRow> rowsById = new HashMap<>();
    private final Map<Long, Job> jobsById = new HashMap<>();

    // Properties
    private final ObservableList<JobRow> rows = FXCollections.observableArrayList();
    private final ObservableList<JobRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No jobs");
    private final BooleanProperty expanded = new SimpleBooleanProperty(false);

    public JobsViewModel(UiExecutor executor, JobService jobs, JobNotice.Sink notices) {
        this.executor = executor;
        this.jobs = jobs;
        this.notices = notices;
        this.changes = new UiBatcher<>(executor, this::apply);
        jobs.listen(changes);
    }

    /** Newest first. */
    public ObservableList<JobRow> rows() {
        return rowsView;
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** For the status bar: "2 jobs running · 1 failed". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the panel is open; a new job opens it. */
    public BooleanProperty expandedProperty() {
        return expanded;
    }

    // Commands

    /** Shows the jobs of earlier runs (read off the FX thread) below this run's. */
    public void start() {
        executor.submit("Reading the job history", (cancel, progress) -> jobs.history(), this::showEarlier, error -> {});
    }

    public void cancel(JobRow row) {
        Job job = jobsById.get(row.id());
        if (job != null) jobs.cancel(job);
    }

    public void retry(JobRow row) {
        Job job = jobsById.get(row.id());
        if (job != null) jobs.retry(job);
    }

    /** Removes finished rows from the panel (their summaries stay in the history). */
    public void clearFinished() {
        rows.removeIf(row -> row.stateProperty().get().finished());
        rowsById.values().removeIf(row -> row.stateProperty().get().finished());
        jobsById.keySet().retainAll(rowsById.keySet());
        recount();
    }

    private void showEarlier(List<JobSummary> summaries) {
        int thisRun = rowsById.size();
        // This run's finished jobs are in the history too: the oldest entries are the earlier runs'.
        List<JobSummary> earlier = summaries.subList(0, Math.max(0, summaries.size() - countFinished()));
        for (int i = earlier.size() - 1; i >= 0 && i >= earlier.size() - 20; i--) rows.add(JobRow.earlier(earlier.get(i)));
        if (thisRun == 0 && !earlier.isEmpty()) recount();
    }

    private int countFinished() {
        return (int) rowsById.values().stream().filter(r -> r.stateProperty().get().finished()).count();
    }

    private void apply(List<Job> batch) {
        Set<Job> changed = new LinkedHashSet<>(batch);
        List<JobRow> added = new ArrayList<>();
        for (Job job : changed) {
            JobRow row = rowsById.get(job.id());
            if (row == null && added.size() == NEW_ROWS_PER_UPDATE) {
                // A row is a handful of controls: many new jobs at once are shown over a few updates, each short.
                changes.add(job);
                continue;
            }
            JobSnapshot snapshot = job.snapshot();
            // A retry that finished between two updates comes back finished again: a new attempt counts as unfinished before.
            boolean wasFinished = row != null && row.attempt() == snapshot.attempt() && row.stateProperty().get().finished();
            if (row == null) {
                row = JobRow.of(snapshot);
                rowsById.put(job.id(), row);
                jobsById.put(job.id(), job);
                added.addFirst(row);
            } else {
                row.update(snapshot);
            }
            if (!wasFinished && snapshot.state().finished() && snapshot.state() != JobState.CANCELLED) notices.show(notice(snapshot));
        }
        if (!added.isEmpty()) {
            rows.addAll(0, added); // one change for the view, newest first
            if (added.stream().anyMatch(row -> row.kind().opensPanel())) expanded.set(true);
        }
        recount();
    }

    private void recount() {
        int run = 0;
        int wait = 0;
        int fail = 0;
        for (JobRow row : rowsById.values()) {
            switch (row.stateProperty().get()) {
                case RUNNING -> run++;
                case QUEUED -> wait++;
                case FAILED -> fail++;
                default -> { }
            }
        }
        running.set(run);
        waiting.set(wait);
        failed.set(fail);
        status.set(statusText(run, wait, fail, rows.size()));
    }

    private static String statusText(int run, int wait, int fail, int all) {
        if (run + wait + fail == 0) return all == 0 ? "No jobs" : "Jobs: all finished";
        StringBuilder text = new StringBuilder();
        if (run > 0) text.append(Plural.of(run, "job", "jobs")).append(" running");
        if (wait > 0) text.append(text.isEmpty() ? "" : " · ").append(wait).append(" waiting");
        if (fail > 0) text.append(text.isEmpty() ? "" : " · ").append(fail).append(" failed");
        return text.toString();
    }

    /** What happened, and what to do about it. */
    static JobNotice notice(JobSnapshot job) {
        String what = job.what().title();
        if (job.state() == JobState.DONE && !job.progress().countsBytes()) {
            return new JobNotice(job.what().kind().verb() + " finished", what + ": " + job.outcome().map(o -> o.note()).orElse("done")
                    + ".", false);
        }
        if (job.state() == JobState.DONE) {
            long bytes = job.outcome().map(o -> o.bytes()).orElse(0L);
            return new JobNotice(job.what().kind().verb() + " finished", what + " → " + job.what().to() + ": " + ByteSize.format(bytes)
                    + " moved in " + JobsText.duration(job.elapsed()) + ".", false);
        }
        return new JobNotice(job.what().kind().verb() + " failed", what + ": " + job.error().orElse("it stopped")
                + (job.noRetry().isEmpty() ? " Fix that, then press Retry in the jobs panel." : " " + job.noRetry().get()), true);
    }
}
