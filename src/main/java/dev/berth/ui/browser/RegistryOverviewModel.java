package dev.berth.ui.browser;

import dev.berth.browse.CatalogBatch;
import dev.berth.browse.RecentPush;
import dev.berth.browse.RegistryFigures;
import dev.berth.browse.RegistryTally;
import dev.berth.browse.RepositoryScanner;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import dev.berth.work.Amount;
import dev.berth.work.Progress;
import dev.berth.ui.common.UiBatcher;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UiTask;
import dev.berth.ui.common.UserMessage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CancellationException;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The figures of the registry overview: repositories and tags from the catalog load already under
 * way, images, size as pulled and recent pushes from a scan of the repositories. The scan is
 * bounded: on showing a registry only its first {@link #AUTO_SCAN} repositories are read (warm
 * from the summary cache when seen before); the rest only when the person asks, and any scan can
 * be cancelled. Partial figures say so ({@link RegistryFigures#scanComplete()}).
 *
 * <p>Catalog batches and scan results are added up on the threads that produce them and reach
 * the FX thread through one {@link UiBatcher}: one update however many arrive meanwhile.
 */
public final class RegistryOverviewModel implements BrowserViewModel.CatalogWatcher {

    /** How many repositories are read without being asked: a registry of 20,000 is not scanned behind anyone's back. */
    public static final int AUTO_SCAN = 20;

    private final UiExecutor executor;
    private final RepositoryScanner scanner;
    private final int autoScan;
    private final ScanRunner firstRead;
    private final ScanRunner restRead;
    // Keyed weakly: a removed connection's figures go with its node. Catalog batches arrive on loading threads.
    private final Map<RegistryNode, Overview> overviews = Collections.synchronizedMap(new WeakHashMap<>());
    private final UiBatcher<Overview> updates;
    private final InvalidationListener stateChanged = obs -> catalogSettled();

    // Properties
    private final ReadOnlyObjectWrapper<RegistryFigures> figures = new ReadOnlyObjectWrapper<>(RegistryFigures.NONE);
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper scanProblem = new ReadOnlyStringWrapper("");

    private RegistryNode shown;

    /** What is known of one connection: its tally, and the scan adding to it, if one runs. */
    private static final class Overview {
        final RegistryNode node;
        volatile RegistryTally tally = new RegistryTally();
        UiTask scan; // FX thread only
        boolean autoScanned; // FX thread only
        String problem = "";

        Overview(RegistryNode node) {
            this.node = node;
        }
    }

    public RegistryOverviewModel(UiExecutor executor, RepositoryScanner scanner) {
        this(executor, scanner, AUTO_SCAN);
    }

    public RegistryOverviewModel(UiExecutor executor, RepositoryScanner scanner, int autoScan) {
        this(executor, scanner, autoScan, ScanRunner.on(executor));
    }

    /**
     * {@code rest}: where the read the person asks for runs (a job of the jobs panel in the app);
     * the bounded first read is no job, it runs in the background each time a registry is shown.
     */
    public RegistryOverviewModel(UiExecutor executor, RepositoryScanner scanner, int autoScan, ScanRunner rest) {
        this.executor = executor;
        this.scanner = scanner;
        this.autoScan = autoScan;
        this.firstRead = ScanRunner.on(executor);
        this.restRead = rest;
        this.updates = new UiBatcher<>(executor, changed -> {
            if (shown != null && changed.contains(overview(shown))) publish();
        });
    }

    /** The figures of the registry shown. */
    public ReadOnlyObjectProperty<RegistryFigures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    /** True while repositories of the registry shown are being read. */
    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    /** Why the last scan of the registry shown stopped early, in words; empty when it did not. */
    public ReadOnlyStringProperty scanProblemProperty() {
        return scanProblem.getReadOnlyProperty();
    }

    // Commands

    /** Shows {@code node}'s figures, and reads its first repositories if that was never done. */
    public void show(RegistryNode node) {
        if (shown != null) shown.stateProperty().removeListener(stateChanged);
        shown = node;
        node.stateProperty().addListener(stateChanged);
        catalogSettled();
        publish();
    }

    /** Reads every repository not read yet (the person asked: the bound does not apply). */
    public void scanRest() {
        if (shown != null) scan(overview(shown), Integer.MAX_VALUE, restRead);
    }

    public void cancelScan() {
        if (shown == null) return;
        Overview overview = overview(shown);
        Optional.ofNullable(overview.scan).ifPresent(UiTask::cancel);
        overview.scan = null;
        publish();
    }

    /** Where a click on a recent push goes: its tag in the tree. */
    public Optional<Selection> selectionFor(RecentPush push) {
        return Optional.ofNullable(shown).flatMap(node -> node.repository(push.repository()))
                .map(repository -> Selection.of(repository, push.tag()));
    }

    // Catalog loads (BrowserViewModel.CatalogWatcher)

    @Override
    public void started(RegistryNode node) {
        Overview overview = overview(node);
        Optional.ofNullable(overview.scan).ifPresent(UiTask::cancel);
        overview.scan = null;
        overview.tally = new RegistryTally(); // repositories may have gone: start again (the summary cache keeps a rescan cheap)
        overview.autoScanned = false;
        overview.problem = "";
        if (node == shown) publish();
    }

    @Override
    public void batch(RegistryNode node, CatalogBatch batch) {
        Overview overview = overview(node);
        overview.tally.catalog(batch);
        updates.add(overview);
    }

    // Inner workings

    /** When the catalog is in (or refused: the repositories are those added by hand), the first repositories are read. */
    private void catalogSettled() {
        RegistryNode node = shown;
        if (node == null || node.stateProperty().get() != LoadState.LOADED) return;
        Overview overview = overview(node);
        overview.tally.known(node.repositories().stream().map(RepositoryNode::name).toList());
        overview.tally.catalogEnded();
        if (!overview.autoScanned) {
            overview.autoScanned = true;
            scan(overview, autoScan, firstRead);
        }
        publish();
    }

    private void scan(Overview overview, int limit, ScanRunner runner) {
        RegistryNode node = overview.node;
        RegistryClient client = node.client();
        if (client == null || overview.scan != null) return;
        RegistryTally tally = overview.tally;
        List<String> names = node.repositories().stream().filter(RepositoryNode::isValidName).map(RepositoryNode::name)
                .filter(name -> !tally.isScanned(name)).limit(limit).toList();
        if (names.isEmpty()) return;
        overview.problem = "";
        UiTask[] task = new UiTask[1];
        task[0] = runner.start(node.host(), "Reading " + node.displayName() + " for its overview", (cancel, progress) -> {
            RegistryClient cancellable = client.withCancel(cancel);
            int done = 0;
            try {
                for (String name : names) {
                    cancel.throwIfCancelled();
                    try {
                        tally.scanned(scanner.scan(cancellable, name, Progress.none(), cancel));
                    } catch (RegistryException.NotFound | RegistryException.Forbidden | RegistryException.Unauthorized
                             | RegistryException.ProtocolViolation | RegistryException.Unsupported | RegistryException.Refused e) {
                        tally.failed(name); // this repository only; a registry that is down or limits the rate stops the scan
                    }
                    updates.add(overview);
                    progress.report(new Amount(++done, names.size(), Amount.Unit.REPOSITORIES));
                }
            } finally {
                // A scan cancelled from elsewhere (the status bar's stop) calls no callback: this update tells the view it stopped.
                updates.add(overview);
            }
            return null;
        }, () -> finished(overview, task[0], ""), error -> finished(overview, task[0],
                error instanceof CancellationException ? "" : UserMessage.of(error).text())); // cancelled in the jobs panel: no problem
        if (!task[0].isDone()) overview.scan = task[0];
        publish();
    }

    private void finished(Overview overview, UiTask task, String problem) {
        if (overview.scan == task) overview.scan = null;
        overview.problem = problem;
        updates.drain();
        if (overview.node == shown) publish();
    }

    private void publish() {
        if (shown == null) return;
        Overview overview = overview(shown);
        if (overview.scan != null && overview.scan.isCancelled()) overview.scan = null;
        figures.set(overview.tally.figures());
        scanning.set(overview.scan != null);
        scanProblem.set(overview.problem);
    }

    private Overview overview(RegistryNode node) {
        return overviews.computeIfAbsent(node, Overview::new);
    }
}
