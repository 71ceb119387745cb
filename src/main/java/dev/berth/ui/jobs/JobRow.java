package dev.berth.ui.jobs;

import dev.berth.domain.Plural;
import dev.berth.domain.ByteSize;
import dev.berth.jobs.JobKind;
import dev.berth.jobs.JobOutcome;
import dev.berth.jobs.JobSnapshot;
import dev.berth.jobs.JobState;
import dev.berth.jobs.JobSummary;
import dev.berth.jobs.LayerProgress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One job in the panel: its words, its overall bar, rate and time left, and a bar per layer. */
public final class JobRow {

    private final long id;
    private final boolean earlier;
    private final Map<String, LayerRow> layersByDigest = new HashMap<>();
    private int attempt;
    private JobKind kind;

    // Properties
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper route = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<JobState> state = new ReadOnlyObjectWrapper<>(JobState.QUEUED);
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canCancel = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRetry = new ReadOnlyBooleanWrapper();
    private final ObservableList<LayerRow> layers = FXCollections.observableArrayList();
    private final ObservableList<LayerRow> layersView = FXCollections.unmodifiableObservableList(layers);

    private JobRow(long id, boolean earlier) {
        this.id = id;
        this.earlier = earlier;
    }

    static JobRow of(JobSnapshot job) {
        JobRow row = new JobRow(job.id(), false);
        row.update(job);
        return row;
    }

    /** A job of an earlier run, from its kept summary: no bars, no cancel, no retry (its work is gone with that run). */
    static JobRow earlier(JobSummary summary) {
        JobRow row = new JobRow(-1, true);
        row.kind = summary.what().kind();
        row.title.set(summary.what().title());
        row.route.set(route(summary.what()));
        row.state.set(summary.state());
        row.fraction.set(summary.state() == JobState.DONE ? 1 : 0);
        // A cleanup or a read moves no bytes: its duration alone, never "0 B".
        row.detail.set(summary.error().orElse((row.kind.movesImages() ? ByteSize.format(summary.bytes()) + " in " : "Ran for ")
                + JobsText.duration(summary.duration()) + summary.digest().map(d -> " · " + d).orElse("")) + " · earlier run");
        return row;
    }

    public long id() {
        return id;
    }

    public JobKind kind() {
        return kind;
    }

    public boolean earlier() {
        return earlier;
    }

    /** Whether the row offers its bar per layer: a transfer of this run, not a cleanup or a read (they move no layers). */
    public boolean showsLayers() {
        return !earlier && kind.movesImages();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty routeProperty() {
        return route.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JobState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** 0..1, or -1 (indeterminate) until the job knows its total. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    /** Bytes/s and time left while running. */
    public ReadOnlyStringProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    /** The error in words, or what the job did. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCancelProperty() {
        return canCancel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRetryProperty() {
        return canRetry.getReadOnlyProperty();
    }

    public ObservableList<LayerRow> layers() {
        return layersView;
    }

    int attempt() {
        return attempt;
    }

    void update(JobSnapshot job) {
        boolean newAttempt = job.attempt() != attempt;
        attempt = job.attempt();
        kind = job.what().kind();
        title.set(job.what().title() + (job.attempt() > 1 ? " (attempt " + job.attempt() + ")" : ""));
        route.set(route(job.what()));
        state.set(job.state());
        var progress = job.progress();
        fraction.set(switch (job.state()) {
            case DONE -> 1;
            case QUEUED -> 0;
            case RUNNING -> progress.fraction();
            // Stopped: as far as it got, never the "working" animation.
            case FAILED, CANCELLED -> Math.max(0, progress.fraction());
        });
        speed.set(job.state() == JobState.RUNNING ? speed(progress.bytesPerSecond(), progress.eta()) : "");
        detail.set(detail(job));
        canCancel.set(!job.state().finished());
        canRetry.set(job.retryable());
        if (newAttempt || layers.size() > progress.layers().size()) {
            layers.clear(); // a new attempt starts with no bars
            layersByDigest.clear();
        }
        for (LayerProgress layer : progress.layers()) {
            LayerRow existing = layersByDigest.get(layer.digest());
            if (existing != null) {
                existing.update(layer);
            } else {
                LayerRow added = new LayerRow(layer);
                layersByDigest.put(layer.digest(), added);
                layers.add(added);
            }
        }
    }

    /** "from → to", or only where it happens for a job that goes nowhere (a cleanup). */
    private static String route(dev.berth.jobs.JobDescription what) {
        return what.to().isEmpty() ? what.from() : what.from() + " → " + what.to();
    }

    private static String speed(double bytesPerSecond, Optional<Duration> eta) {
        if (bytesPerSecond <= 0) return "";
        return ByteSize.format((long) bytesPerSecond) + "/s" + eta.map(left -> " · " + JobsText.duration(left) + " left").orElse("");
    }

    private static String detail(JobSnapshot job) {
        String words = words(job);
        // Said on the row itself, so a missing Retry button is never a mystery.
        return job.state().retryable() ? job.noRetry().map(why -> words + " · " + why).orElse(words) : words;
    }

    private static String words(JobSnapshot job) {
        var progress = job.progress();
        if (!progress.countsBytes() || !job.what().kind().movesImages()) return counted(job);
        return switch (job.state()) {
            case QUEUED -> "Waiting for another job to finish";
            case RUNNING -> progress.bytesTotal() <= 0 ? "Reading the image…"
                    : ByteSize.format(progress.bytesDone()) + " of " + ByteSize.format(progress.bytesTotal()) + " · "
                            + progress.itemsDone() + " of " + Plural.of(progress.itemsTotal(), "layer", "layers");
            case DONE -> job.outcome().map(o -> done(o, job.elapsed())).orElse("Done");
            case FAILED -> job.error().orElse("Failed");
            case CANCELLED -> "Cancelled; whatever was half written was discarded";
        };
    }

    /** A job that counts manifests, not bytes. */
    private static String counted(JobSnapshot job) {
        return switch (job.state()) {
            case QUEUED -> "Waiting for another job to finish";
            case RUNNING -> job.progress().countsBytes() || job.progress().bytesTotal() < 0 ? "Starting…" : job.progress().amountWords();
            case DONE -> job.outcome().map(o -> "Done in " + JobsText.duration(job.elapsed()) + " · " + o.note()).orElse("Done");
            case FAILED -> job.error().orElse("Failed");
            // Nothing counted yet (the unit is still bytes): it was cancelled while it waited.
            case CANCELLED -> job.progress().countsBytes() ? "Cancelled before it started"
                    : "Cancelled: " + job.progress().amountWords() + "; nothing was left half done";
        };
    }

    private static String done(JobOutcome outcome, Duration elapsed) {
        return ByteSize.format(outcome.bytes()) + " in " + JobsText.duration(elapsed) + " · " + outcome.note()
                + outcome.digest().map(d -> " · " + d).orElse("");
    }
}
