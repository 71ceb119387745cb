package dev.berth.ui.browser;

import dev.berth.domain.Plural;
import dev.berth.browse.ImageSummary;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.ScanBatch;
import dev.berth.browse.ScanEvent;
import dev.berth.browse.TagInfo;
import dev.berth.domain.ByteSize;
import dev.berth.domain.Digest;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UiBatcher;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UiTask;
import dev.berth.ui.common.UserMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The tag table of one repository: every tag with digest, size, created date and platforms,
 * loaded in the background (rows fill in as metadata arrives) so sorting works across all tags.
 * Opening another repository cancels the running load.
 */
public final class RepositoryViewModel {

    private final UiExecutor executor;
    private final Notifier notifier;
    private final RepositoryScanner scanner;

    // Properties
    private final ReadOnlyObjectWrapper<RepositoryNode> repository = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TagRow> rows = FXCollections.observableArrayList();
    // One wrapper for the life of the list: a wrapper observes its source weakly, so a fresh one per call
    // would let listeners on it be garbage-collected.
    private final ObservableList<TagRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<TagRow> visibleRows = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObjectProperty<UserMessage> problem = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<RepositorySnapshot> snapshot = new ReadOnlyObjectWrapper<>();

    private final Map<Digest, List<TagRow>> rowsByDigest = new HashMap<>();
    private final Map<Digest, ImageSummary> summaries = new LinkedHashMap<>();
    private UiTask running;
    private long generation;

    public RepositoryViewModel(UiExecutor executor, Notifier notifier, RepositoryScanner scanner) {
        this.executor = executor;
        this.notifier = notifier;
        this.scanner = scanner;
        filter.addListener((obs, old, text) -> {
            String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            visibleRows.setPredicate(needle.isEmpty() ? null : row -> row.tag().toLowerCase(Locale.ROOT).contains(needle)
                    || row.alsoTaggedAsProperty().get().contains(needle));
        });
    }

    public ReadOnlyObjectProperty<RepositoryNode> repositoryProperty() {
        return repository.getReadOnlyProperty();
    }

    /** Rows matching the filter; sort them in the view (a SortedList over this). */
    public ObservableList<TagRow> visibleRows() {
        return visibleRows;
    }

    public ObservableList<TagRow> rows() {
        return rowsView;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** 0..1 while loading metadata; -1 while the tag list itself is coming. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObjectProperty<UserMessage> problemProperty() {
        return problem;
    }

    /** The last complete load: what cleanup and "shared by" counts work from. */
    public ReadOnlyObjectProperty<RepositorySnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    // Commands

    /** Shows {@code node}'s tags; cancels the load of the previous repository. */
    public void open(RepositoryNode node) {
        cancel();
        repository.set(node);
        rows.clear();
        rowsByDigest.clear();
        summaries.clear();
        snapshot.set(null);
        problem.set(null);
        loading.set(true);
        progress.set(-1);
        status.set("Listing tags…");
        Map<String, TagRow> byTag = new HashMap<>();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger resolved = new AtomicInteger();
        long current = ++generation;
        // A batch may already be queued to the FX thread when another repository is opened: drop it then.
        UiBatcher<Object> events = new UiBatcher<>(executor, batch -> {
            if (generation == current) apply(batch, byTag, total.get(), resolved.get());
        });
        running = executor.submit("Loading tags of " + node.name(), (cancel, work) -> Scanned.of(scanner.scan(
                node.registry().client().withCancel(cancel), node.name(), event -> {
                    switch (event) {
                        case ScanEvent.TagsListed listed -> total.set(listed.count());
                        // A skipped tag is shown, marked invalid; the scan never requests it.
                        case ScanEvent.TagSkipped skipped -> events.add(new TagRow(skipped.tag()));
                        case ScanBatch batch -> {
                            for (TagInfo tag : batch.tags()) {
                                resolved.incrementAndGet();
                                events.add(tag);
                            }
                            batch.images().forEach(events::add);
                        }
                    }
                })), scanned -> {
                    events.drain();
                    running = null;
                    snapshot.set(scanned.snapshot());
                    loading.set(false);
                    progress.set(1);
                    node.showTags(scanned.tagsInOrder());
                    status.set(scanned.summary());
                }, error -> {
                    events.drain();
                    running = null;
                    loading.set(false);
                    UserMessage message = UserMessage.of(error);
                    problem.set(message);
                    status.set(message.title());
                    notifier.show(message);
                });
    }

    /** Stops the running load; what has arrived stays. */
    public void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
            loading.set(false);
            status.set(rows.isEmpty() ? "Cancelled" : "Cancelled: " + Plural.of(rows.size(), "tag", "tags") + " shown, metadata incomplete");
        }
    }

    private void apply(List<Object> batch, Map<String, TagRow> byTag, int total, int resolved) {
        List<TagRow> added = new ArrayList<>();
        List<Digest> touched = new ArrayList<>();
        for (Object event : batch) {
            if (event instanceof TagInfo tag) {
                TagRow row = byTag.computeIfAbsent(tag.tag(), TagRow::new);
                if (row.digestProperty().get() == null) added.add(row);
                row.digestProperty().set(tag.digest());
                rowsByDigest.computeIfAbsent(tag.digest(), d -> new ArrayList<>()).add(row);
                ImageSummary known = summaries.get(tag.digest());
                if (known != null) row.apply(known);
                touched.add(tag.digest());
            } else if (event instanceof TagRow invalid) {
                added.add(invalid);
            } else if (event instanceof ImageSummary image) {
                summaries.put(image.digest(), image);
                rowsByDigest.getOrDefault(image.digest(), List.of()).forEach(r -> r.apply(image));
            }
        }
        rows.addAll(added);
        // Once per image, not once per tag that arrived: a batch brings many tags of the same image.
        for (Digest digest : new java.util.LinkedHashSet<>(touched)) TagRow.setAlsoTaggedAs(rowsByDigest.getOrDefault(digest, List.of()));
        long withMetadata = rows.stream().filter(r -> r.sizeProperty().get() != TagRow.UNKNOWN_SIZE).count();
        if (total > 0) {
            progress.set((resolved + withMetadata) / (2.0 * total));
            status.set("Loading metadata… " + withMetadata + " of " + Plural.of(total, "tag", "tags"));
        }
    }

    /** A finished scan with what the FX thread shows of it, worked out before (sorting 20,000 tags is no FX work). */
    private record Scanned(RepositorySnapshot snapshot, List<String> tagsInOrder, String summary) {
        static Scanned of(RepositorySnapshot snapshot) {
            return new Scanned(snapshot, RepositoryNode.displayOrder(snapshot.tags().stream().map(TagInfo::tag).toList()),
                    summaryText(snapshot));
        }
    }

    private static String summaryText(RepositorySnapshot result) {
        long distinct = result.tagsByDigest().size();
        long bytes = result.tagsByDigest().keySet().stream().map(result.images()::get).filter(java.util.Objects::nonNull)
                .flatMap(s -> s.blobs().entrySet().stream()).distinct().mapToLong(Map.Entry::getValue).sum();
        return Plural.of(result.tags().size(), "tag", "tags") + " · " + Plural.of(distinct, "image", "images") + " · " + ByteSize.format(bytes) + " of distinct blobs";
    }
}
