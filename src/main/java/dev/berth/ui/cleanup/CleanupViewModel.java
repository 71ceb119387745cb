package dev.berth.ui.cleanup;

import dev.berth.domain.Plural;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.TagInfo;
import dev.berth.cleanup.AgeHistogram;
import dev.berth.cleanup.ApplyEvent;
import dev.berth.cleanup.ApplyResult;
import dev.berth.cleanup.CleanupExecutor;
import dev.berth.cleanup.CleanupMessages;
import dev.berth.cleanup.CleanupPlan;
import dev.berth.cleanup.CleanupPlanner;
import dev.berth.cleanup.CleanupPolicy;
import dev.berth.cleanup.CleanupScan;
import dev.berth.cleanup.DeletionOutcome;
import dev.berth.cleanup.GarbageCollectionAdvice;
import dev.berth.cleanup.Journal;
import dev.berth.cleanup.JournalOperation;
import dev.berth.cleanup.JournalRestorer;
import dev.berth.cleanup.ManifestDeletion;
import dev.berth.cleanup.PolicyStore;
import dev.berth.cleanup.Reclaimable;
import dev.berth.cleanup.RestoreResult;
import dev.berth.cleanup.RetentionRules;
import dev.berth.cleanup.TagDecision;
import dev.berth.cleanup.TagRemoval;
import dev.berth.cleanup.Untagging;
import dev.berth.domain.ByteSize;
import dev.berth.registry.Capabilities;
import dev.berth.registry.RegistryClient;
import dev.berth.store.FolderRegistry;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.common.DialogService;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UiBatcher;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UiTask;
import dev.berth.ui.common.UserMessage;
import dev.berth.work.Amount;
import dev.berth.work.Progress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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

/**
 * Cleanup of one repository, a namespace or a whole connection: a dry-run preview of every tag's fate
 * and the bytes garbage collection would give back (a lower bound), apply with progress and
 * cancel, the exact GC command, and undo from the journal. The rules come from its {@link RuleForm};
 * {@link PolicyCommands} keep them as a policy.
 */
public final class CleanupViewModel {

    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Notifier notifier;
    private final RepositoryScanner scanner;
    private final Journal journal;
    private final Clock clock;
    private final int concurrency;
    private final java.util.function.Consumer<List<RepositoryNode>> changed;
    private final ApplyRunner applyRunner;

    // Properties: outputs
    private final ReadOnlyObjectWrapper<RepositoryNode> repository = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CleanupTarget> target = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper manyRepositories = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<TagDecision> decisions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<CleanupPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper untagNote = new ReadOnlyStringWrapper("");
    private final ObservableList<AgeHistogram.Bucket> ages = FXCollections.observableArrayList();
    private final ObservableList<AgeHistogram.Bucket> agesReadOnly = FXCollections.unmodifiableObservableList(ages);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<ApplyResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper undone = new ReadOnlyBooleanWrapper(false);
    /** A folder's cleanup left its collected blobs in the layouts' trash (so undo works) until this is emptied. */
    private final ReadOnlyBooleanWrapper trashToEmpty = new ReadOnlyBooleanWrapper(false);

    private final RuleForm form = new RuleForm();
    private final PolicyCommands policy;

    private RepositorySnapshot snapshot;
    private UiTask running;
    /** Set by {@link #prepareDeletion} where untagging is not possible: the other tags the chosen images take with them. */
    private String deletionNote = "";

    public CleanupViewModel(UiExecutor executor, DialogService dialogs, Notifier notifier, RepositoryScanner scanner, Journal journal,
            PolicyStore policies, Clock clock, int concurrency) {
        this(executor, dialogs, notifier, scanner, journal, policies, clock, concurrency, repositories -> {});
    }

    /** @param changed told which repositories an apply or undo changed (to reload the tag table and the tree) */
    public CleanupViewModel(UiExecutor executor, DialogService dialogs, Notifier notifier, RepositoryScanner scanner, Journal journal,
            PolicyStore policies, Clock clock, int concurrency, java.util.function.Consumer<List<RepositoryNode>> changed) {
        this(executor, dialogs, notifier, scanner, journal, policies, clock, concurrency, changed, ApplyRunner.on(executor));
    }

    /** @param applyRunner where an apply runs: as a job of the jobs panel in the app */
    public CleanupViewModel(UiExecutor executor, DialogService dialogs, Notifier notifier, RepositoryScanner scanner, Journal journal,
            PolicyStore policies, Clock clock, int concurrency, java.util.function.Consumer<List<RepositoryNode>> changed,
            ApplyRunner applyRunner) {
        this.changed = changed;
        this.applyRunner = applyRunner;
        this.executor = executor;
        this.dialogs = dialogs;
        this.notifier = notifier;
        this.scanner = scanner;
        this.journal = journal;
        this.clock = clock;
        this.concurrency = concurrency;
        this.policy = new PolicyCommands(executor, dialogs, notifier, policies, form, target.getReadOnlyProperty(), this::clearPreview);
    }

    /** The rules being composed. */
    public RuleForm form() { return form; }
    /** Saving, loading, exporting and importing the form's rules as a policy. */
    public PolicyCommands policy() { return policy; }
    /** The single repository being cleaned up; null for a namespace or a whole connection. */
    public ReadOnlyObjectProperty<RepositoryNode> repositoryProperty() { return repository.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<CleanupTarget> targetProperty() { return target.getReadOnlyProperty(); }
    /** True when the preview spans more than one repository (the table then names each row's repository). */
    public ReadOnlyBooleanProperty manyRepositoriesProperty() { return manyRepositories.getReadOnlyProperty(); }
    public ObservableList<TagDecision> decisions() { return decisions; }
    public ReadOnlyObjectProperty<CleanupPlan> planProperty() { return plan.getReadOnlyProperty(); }
    /** The plan's tagged images by age, kept and deleted; empty without a plan. */
    public ObservableList<AgeHistogram.Bucket> ageBuckets() { return agesReadOnly; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    /** Why a tag stays with its image, or takes others with it, where the registry cannot untag; empty otherwise. */
    public ReadOnlyStringProperty untagNoteProperty() { return untagNote.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ApplyResult> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyStringProperty resultTextProperty() { return resultText.getReadOnlyProperty(); }

    public BooleanBinding canApply() {
        return Bindings.createBooleanBinding(() -> !busy.get() && plan.get() != null && !plan.get().isEmpty()
                && result.get() == null, busy, plan, result);
    }

    /** The garbage-collection advice matters after an apply, and no longer once it was undone. */
    public BooleanBinding showsGarbageCollectionAdvice() {
        return Bindings.createBooleanBinding(() -> result.get() != null && !undone.get(), result, undone);
    }

    /** After a cleanup of a folder: its trash holds the collected layers until emptied. */
    public BooleanBinding canEmptyTrash() {
        return Bindings.createBooleanBinding(() -> !busy.get() && trashToEmpty.get(), busy, trashToEmpty);
    }

    public BooleanBinding canUndo() {
        return Bindings.createBooleanBinding(() -> !busy.get() && result.get() != null && result.get().changedAnything() && !undone.get(),
                busy, result, undone);
    }


    // Commands

    /** Cleans up {@code node}; a snapshot from the tag table saves loading the metadata again. */
    public void open(RepositoryNode node, Optional<RepositorySnapshot> known) {
        openTarget(CleanupTarget.of(node), known.orElse(null));
        policy.loadSaved();
    }

    /** Cleans up every repository the tree knows under {@code prefix} ("" for the whole connection). */
    public void openNamespace(dev.berth.ui.browser.RegistryNode registry, String prefix) {
        openTarget(CleanupTarget.namespace(registry, prefix), null);
        policy.loadSaved();
    }

    private void openTarget(CleanupTarget chosen, RepositorySnapshot known) {
        cancel();
        target.set(chosen);
        repository.set(chosen.repository().orElse(null));
        snapshot = known;
        deletionNote = "";
        clearPreview();
        result.set(null);
        resultText.set("");
        policy.clearStatus();
    }

    /**
     * Prepares deleting the chosen tags. Where the registry can untag, exactly those tags are
     * selected: a chosen tag whose image keeps another tag is untagged, an image all of whose tags
     * are chosen is deleted. Elsewhere registries delete by digest, so the rule selects every tag on
     * those digests (trap T4), and the preview names them all and says why before anything goes.
     */
    public void prepareDeletion(RepositoryNode node, RepositorySnapshot known, java.util.Collection<String> chosenTags) {
        // Not the saved policy: the form holds exactly the chosen tags' rule, which a late load must not replace.
        openTarget(CleanupTarget.of(node), known);
        if (untagging(target.get()) == Untagging.AVAILABLE) {
            form.selectExactly(List.copyOf(chosenTags));
        } else {
            java.util.Set<dev.berth.domain.Digest> digests = new java.util.HashSet<>();
            known.tags().stream().filter(t -> chosenTags.contains(t.tag())).forEach(t -> digests.add(t.digest()));
            List<String> everyTag = known.tags().stream().filter(t -> digests.contains(t.digest())).map(TagInfo::tag).toList();
            List<String> alsoGoing = everyTag.stream().filter(t -> !chosenTags.contains(t)).sorted().toList();
            if (!alsoGoing.isEmpty()) deletionNote = CleanupMessages.deletingTakesOtherTags(tagDeletion(target.get()), alsoGoing);
            form.selectExactly(everyTag);
        }
        preview();
    }

    /** What the registry's tag delete does, as last probed or checked. */
    private static Capabilities.TagDeletion tagDeletion(CleanupTarget chosen) {
        Capabilities capabilities = chosen.registry().capabilitiesProperty().get();
        return capabilities == null ? Capabilities.TagDeletion.UNKNOWN : capabilities.tagDeletion();
    }

    private static Untagging untagging(CleanupTarget chosen) {
        return Untagging.of(tagDeletion(chosen));
    }

    /** The dry run: what would go, what stays and why, and what GC would give back. */
    public void preview() {
        CleanupTarget chosen = target.get();
        Optional<RetentionRules> rules = form.rules();
        if (chosen == null || rules.isEmpty()) return;
        if (chosen.repository().isEmpty()) {
            previewMany(chosen, rules.get());
            return;
        }
        RepositoryNode node = chosen.repository().get();
        RegistryClient client = node.registry().client();
        RepositorySnapshot known = snapshot;
        Untagging untagging = untagging(chosen);
        busy.set(true);
        progress.set(-1);
        summary.set("Reading the repository…");
        running = executor.submit("Planning cleanup of " + node.name(), (cancel, work) -> {
            RepositorySnapshot base = known != null ? known : scanner.scan(client.withCancel(cancel), node.name(), Progress.none());
            // Referrers (signatures, SBOMs) must be known so they are protected with, or deleted with, their subject.
            RepositorySnapshot full = CleanupScan.withReferrers(client.withCancel(cancel), base, Progress.none());
            return Planned.of(List.of(full), CleanupPlanner.plan(full, rules.get(), clock.instant(), untagging));
        }, planned -> {
            running = null;
            busy.set(false);
            snapshot = planned.snapshots().getFirst();
            show(planned);
        }, this::failed);
    }

    /** A plan and what the pane shows of it, worked out on the worker: the histogram walks every tag. */
    private record Planned(List<RepositorySnapshot> snapshots, CleanupPlan plan, AgeHistogram ages) {
        static Planned of(List<RepositorySnapshot> snapshots, CleanupPlan plan) {
            return new Planned(snapshots, plan, AgeHistogram.of(plan, snapshots));
        }
    }

    /** The dry run over a namespace: each repository scanned in turn, so progress and cancel have a grain. */
    private void previewMany(CleanupTarget chosen, RetentionRules rules) {
        List<String> names = chosen.repositoryNames();
        if (names.isEmpty()) {
            clearPreview();
            summary.set("The tree knows no repository under " + chosen.label() + ".");
            return;
        }
        RegistryClient client = chosen.registry().client();
        CleanupScan scan = new CleanupScan(scanner);
        Untagging untagging = untagging(chosen);
        busy.set(true);
        progress.set(0);
        running = executor.submit("Planning cleanup of " + chosen.label(), (cancel, work) -> {
            List<RepositorySnapshot> snapshots = new java.util.ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String step = "Reading repository " + (i + 1) + " of " + names.size() + " (" + names.get(i) + ")…";
                double done = i / (double) names.size();
                executor.onUiThread(() -> {
                    summary.set(step);
                    progress.set(done);
                });
                work.report(new Amount(i, names.size(), new Amount.Unit("repository read", "repositories read")));
                try {
                    snapshots.addAll(scan.scan(client, List.of(names.get(i)), CleanupScan.Referrers.LOOK_UP, Progress.none(), cancel));
                } catch (dev.berth.registry.RegistryException.NotFound gone) {
                    // Deleted since the catalog was read: nothing left there to clean up.
                }
            }
            if (snapshots.isEmpty()) throw new IllegalStateException("None of the repositories under " + chosen.label() + " exists any more.");
            return Planned.of(snapshots, CleanupPlanner.plan(snapshots, CleanupPolicy.everywhere(rules), clock.instant(),
                    untagging));
        }, planned -> {
            running = null;
            busy.set(false);
            show(planned);
        }, this::failed);
    }

    /** The repositories the current plan touches, as tree nodes (to reload them after apply or undo). */
    public List<RepositoryNode> affectedRepositories() {
        CleanupTarget chosen = target.get();
        CleanupPlan current = plan.get();
        if (chosen == null || current == null) return chosen == null ? List.of() : chosen.repository().stream().toList();
        return current.repositories().stream().map(r -> chosen.registry().repository(r.repository()))
                .flatMap(Optional::stream).toList();
    }

    /** Deletes and untags what the preview shows, after asking; journaled first, so it can be undone. */
    public void apply() {
        CleanupPlan current = plan.get();
        CleanupTarget chosen = target.get();
        if (current == null || chosen == null || current.isEmpty()) return;
        long tags = current.tags().stream().filter(TagDecision::deleted).count();
        int untags = current.untags().size();
        long repositories = current.repositories().stream().filter(r -> !r.changesNothing()).count();
        String what = (current.deletions().isEmpty() ? "" : "deletes " + Plural.of(current.deletions().size(), "manifest", "manifests") + " (" + Plural.of(tags, "tag", "tags") + ")")
                + (current.deletions().isEmpty() || untags == 0 ? "" : " and ")
                + (untags == 0 ? "" : "removes " + Plural.of(untags, "tag", "tags") + " on their own (their images stay)");
        if (!dialogs.confirm((tags > 0 ? "Delete " : "Remove ") + Plural.of(tags + untags, "tag", "tags") + "?", "This " + what + " from "
                + (repositories > 1 ? repositories + " repositories under " : "") + chosen.label() + ". Each is journaled first and can be "
                + (advice().collectsOnDelete() ? "restored with Undo until the folder's trash is emptied."
                        : "restored with Undo until the registry's garbage collection runs."), tags > 0 ? "Delete" : "Remove")) return;
        busy.set(true);
        progress.set(0);
        // Deletions end on several threads at once: the bar follows the latest, one FX update per batch.
        UiBatcher<ApplyEvent> applying = new UiBatcher<>(executor, events -> events.stream()
                .flatMap(e -> e instanceof ApplyEvent.Deleted d ? java.util.stream.Stream.of(d) : java.util.stream.Stream.empty())
                .max(java.util.Comparator.comparingInt(ApplyEvent.Deleted::done))
                .ifPresent(d -> progress.set(d.done() / (double) Math.max(1, d.total()))));
        CleanupExecutor cleaner = new CleanupExecutor(chosen.registry().client(), journal, concurrency, chosen.registry().host(), clock);
        running = applyRunner.start(chosen, current, cleaner::apply, applying, applied -> {
                    applying.drain();
                    running = null;
                    busy.set(false);
                    progress.set(1);
                    result.set(applied);
                    undone.set(false);
                    resultText.set(describe(applied));
                    summary.set("Applied. The table shows the plan as it was; press Preview to see the repository as it is now.");
                    trashToEmpty.set(folderOf(chosen).isPresent() && applied.changedAnything());
                    changed.accept(affectedRepositories());
                }, this::failed);
    }

    /** Puts back what the last apply deleted, byte for byte, while the blobs still exist. */
    public void undo() {
        ApplyResult applied = result.get();
        CleanupTarget chosen = target.get();
        if (applied == null || chosen == null) return;
        busy.set(true);
        running = executor.submit("Undoing cleanup of " + chosen.label(), (cancel, work) -> {
            JournalOperation operation = journal.find(applied.journalId()).orElseThrow(() ->
                    new IllegalStateException("The journal entry " + applied.journalId() + " is gone; nothing to undo."));
            return new JournalRestorer(chosen.registry().client(), journal, clock).restore(operation, Progress.none(), cancel);
        }, restored -> {
            running = null;
            busy.set(false);
            undone.set(true);
            resultText.set(describe(restored, advice().collectsOnDelete()));
            summary.set("Undone. Press Preview to plan again on the restored tags.");
            changed.accept(affectedRepositories());
        }, this::failed);
    }

    /**
     * Deletes for good what the folder's cleanups moved to its trash: the space comes back, and undo
     * can no longer bring back the images whose layers were there. Asks first.
     */
    public void emptyTrash() {
        CleanupTarget chosen = target.get();
        Optional<java.nio.file.Path> folder = chosen == null ? Optional.empty() : folderOf(chosen);
        if (folder.isEmpty() || !dialogs.confirm("Empty the trash?", "The layers this folder's cleanups set aside in "
                + folder.get() + " are deleted for good. Undo can then bring back only images whose layers are still in use.",
                "Empty trash")) return;
        busy.set(true);
        running = executor.submit("Emptying the trash of " + folder.get(), (cancel, work) -> new FolderRegistry(folder.get()).emptyTrash(),
                freed -> {
                    running = null;
                    busy.set(false);
                    trashToEmpty.set(false);
                    resultText.set(resultText.get() + (resultText.get().isEmpty() ? "" : " ") + "Emptied the trash: "
                            + ByteSize.format(freed) + " freed.");
                }, this::failed);
    }

    private static Optional<java.nio.file.Path> folderOf(CleanupTarget chosen) {
        return chosen.registry().place().folder();
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
            busy.set(false);
            summary.set(summary.get().isEmpty() ? "" : summary.get() + " (cancelled)");
        }
    }

    /** The exact server-side garbage-collection command and its warnings; for a folder, that the space waits in its trash. */
    public String garbageCollectionAdvice() {
        return advice().text();
    }

    /** Why the preview's reclaimable space is a lower bound, and when it comes back (garbage collection, or a folder's trash). */
    public String reclaimableNote() {
        return "Reclaimable space is a lower bound: " + (advice().collectsOnDelete() ? Reclaimable.FOLDER_EXPLANATION : Reclaimable.EXPLANATION);
    }

    /** One line on when the space comes back after an apply. */
    public String whenSpaceComesBack() {
        return advice().collectsOnDelete() ? "The space comes back when the folder's trash is emptied (Empty trash)."
                : "Space comes back only after the registry's garbage collection runs on the server.";
    }

    private GarbageCollectionAdvice advice() {
        CleanupTarget chosen = target.get();
        return chosen == null ? GarbageCollectionAdvice.distribution() : GarbageCollectionAdvice.forHost(chosen.registry().host());
    }

    private void show(Planned preview) {
        CleanupPlan planned = preview.plan();
        manyRepositories.set(planned.repositories().size() > 1);
        ages.setAll(preview.ages().buckets());
        plan.set(planned);
        decisions.setAll(planned.tags());
        long deleteTags = planned.tags().stream().filter(TagDecision::deleted).count();
        int untags = planned.untags().size();
        Reclaimable reclaimable = planned.reclaimable();
        summary.set(planned.isEmpty() ? "Nothing to delete: every tag is kept by these rules."
                : (deleteTags + untags) + " of " + planned.tags().size() + Plural.word(planned.tags().size(), " tag goes", " tags go") + " ("
                        + Plural.of(planned.deletions().size(), "manifest", "manifests") + " deleted"
                        + (untags > 0 ? ", " + Plural.of(untags, "tag", "tags") + " untagged: their images stay" : "") + "). "
                        + (planned.deletions().isEmpty() ? "Untagging alone frees no space." : (advice().collectsOnDelete()
                                ? "Applying sets aside at least " : "Garbage collection would give back at least ") + ByteSize.format(reclaimable.bytes()) + " in "
                        + Plural.of(reclaimable.blobs(), "blob", "blobs") + (reclaimable.keptSharedBytes() > 0 ? "; "
                        + ByteSize.format(reclaimable.keptSharedBytes()) + " of shared layers stay for kept images" : "") + "."
                        + (advice().collectsOnDelete() ? " They wait in the folder's trash so Undo works; Empty trash gives the space back." : "")));
        CleanupTarget chosen = target.get();
        untagNote.set(!deletionNote.isEmpty() ? deletionNote : planned.keptWithTheirImage().isEmpty() || chosen == null ? ""
                : CleanupMessages.untagUnavailable(tagDeletion(chosen)) + " (" + String.join(", ", planned.keptWithTheirImage()) + ")");
    }

    private void clearPreview() {
        plan.set(null);
        untagNote.set("");
        ages.clear();
        manyRepositories.set(false);
        decisions.clear();
        summary.set("");
    }

    private void failed(Throwable error) {
        running = null;
        busy.set(false);
        UserMessage message = UserMessage.of(error);
        summary.set(message.title() + ": " + message.text());
        notifier.show(message);
    }

    static String describe(ApplyResult applied) {
        StringBuilder text = new StringBuilder("Deleted " + applied.deleted() + (applied.untagged() > 0 ? ", untagged " + applied.untagged() : "")
                + ", failed " + applied.failed() + ", skipped " + applied.skipped() + (applied.cancelled() ? " (cancelled)" : "") + ".");
        applied.stopReason().ifPresent(reason -> text.append("\n").append(reason));
        applied.with(DeletionOutcome.Status.FAILED).forEach(o -> text.append("\n• ").append(switch (o.removal()) {
            case TagRemoval t -> t.tag();
            case ManifestDeletion d -> d.digest().shortHex();
        }).append(": ").append(o.message()));
        text.append("\nJournal ").append(applied.journalId()).append(": Undo restores it while the blobs still exist.");
        return text.toString();
    }

    static String describe(RestoreResult restored, boolean folder) {
        long back = restored.with(dev.berth.cleanup.RestoreOutcome.Status.RESTORED).size();
        long impossible = restored.with(dev.berth.cleanup.RestoreOutcome.Status.IMPOSSIBLE).size();
        // An untag's manifest never left: only its tag comes back.
        long tagsOnly = restored.with(dev.berth.cleanup.RestoreOutcome.Status.PRESENT).stream().mapToLong(o -> o.tagsRestored().size()).sum();
        StringBuilder text = new StringBuilder("Restored " + Plural.of(back, "manifest", "manifests") + " with their tags"
                + (tagsOnly > 0 ? ", and " + Plural.of(tagsOnly, "tag", "tags") + " on images that stayed" : "") + ".");
        if (impossible > 0) {
            text.append(" ").append(impossible).append(" could not come back: " + (folder
                    ? "their layers left the folder when its trash was emptied." : "garbage collection has already removed their blobs."));
        }
        restored.outcomes().stream().filter(o -> o.status() == dev.berth.cleanup.RestoreOutcome.Status.FAILED)
                .forEach(o -> text.append("\n• ").append(o));
        // A damaged journal file is shown, never skipped: the person learns which image may still be missing.
        restored.unrestorable().forEach(d -> text.append("\n• Not restored, its journal file is damaged: ").append(d.describe())
                .append(". If the image is missing, push it again from its source; the file is left as it is."));
        return text.toString();
    }
}
