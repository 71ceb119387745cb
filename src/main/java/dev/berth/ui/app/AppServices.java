package dev.berth.ui.app;

import dev.berth.browse.CatalogLoader;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.SummaryCache;
import dev.berth.connection.ConfigDirectories;
import dev.berth.connection.ConnectionStore;
import dev.berth.connection.ConnectionTester;
import dev.berth.connection.SecretStores;
import dev.berth.registry.RegistryClients;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.RegistryOverviewModel;
import dev.berth.ui.browser.RepositoryViewModel;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.DialogService;
import dev.berth.ui.common.NotificationArea;
import dev.berth.ui.common.UiExecutor;
import dev.berth.connection.ConnectionService;
import dev.berth.cleanup.Journal;
import dev.berth.ui.cleanup.CleanupViewModel;
import dev.berth.ui.details.TagDetailsViewModel;
import dev.berth.engine.EngineLocator;
import dev.berth.jobs.CopyJobs;
import dev.berth.jobs.JobHistory;
import dev.berth.jobs.JobService;
import dev.berth.jobs.StorePlaces;
import dev.berth.transfer.ImageCopier;
import dev.berth.ui.jobs.ConnectedClients;
import dev.berth.ui.jobs.EngineProbe;
import dev.berth.ui.jobs.FxTransferDialogs;
import dev.berth.ui.jobs.JobNotice;
import dev.berth.ui.jobs.JobsViewModel;
import dev.berth.ui.jobs.TransferActions;
import dev.berth.ui.jobs.TransferDialogs;
import dev.berth.ui.jobs.TransferMenus;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/** The composition root: builds every service and ViewModel once, with constructor injection. */
public final class AppServices {

    private final ActivityMonitor activity;
    private final NotificationArea notifications;
    private final ConnectionService connections;
    private final MainViewModel main;
    private final JobService jobService;
    private final JobsViewModel jobs;
    private final TransferMenus transfers;
    private final FileOpener fileOpener;

    /** Jobs remembered for this run only, transfer dialogs without an owner window (tests that do not use them). */
    public AppServices(UiExecutor executor, ActivityMonitor activity, DialogService dialogs, ConnectionService connections,
            SummaryCache summaries, Journal journal) {
        this(executor, activity, dialogs, connections, summaries, journal,
                new JobService(JobService.DEFAULT_RUNNING, JobHistory.inMemory(), Clock.systemUTC()), new FxTransferDialogs(() -> null),
                JobNotice.Sink.NONE, EngineLocator.system(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@code engines}: where the local engine is looked for; {@code scratch}: where its images wait while copied. */
    public AppServices(UiExecutor executor, ActivityMonitor activity, DialogService dialogs, ConnectionService connections,
            SummaryCache summaries, Journal journal, JobService jobService, TransferDialogs transferDialogs, JobNotice.Sink notices,
            EngineLocator engines, Path scratch) {
        this.activity = activity;
        this.notifications = new NotificationArea();
        this.connections = connections;
        RepositoryScanner scanner = new RepositoryScanner(summaries);
        RegistryOverviewModel overview = new RegistryOverviewModel(executor, scanner, RegistryOverviewModel.AUTO_SCAN,
                dev.berth.ui.browser.ScanRunner.asJobs(executor, new dev.berth.jobs.ReadJobs(jobService)));
        BrowserViewModel browser = new BrowserViewModel(executor, notifications, CatalogLoader.Options.defaults(),
                new SavedConnectionMemory(executor, connections, notifications), localEngine(engines), overview);
        RepositoryViewModel repository = new RepositoryViewModel(executor, notifications, scanner);
        TagDetailsViewModel details = new TagDetailsViewModel(executor, name -> {
            try (dev.berth.engine.Engine engine = engines.connect()) {
                return engine.details(name);
            }
        });
        CleanupViewModel cleanup = new CleanupViewModel(executor, dialogs, notifications, scanner, journal,
                new ConnectionPolicies(connections), Clock.systemUTC(), 4, changed -> MainViewModel.reload(changed, repository, browser),
                dev.berth.ui.cleanup.ApplyRunner.asJobs(executor, new dev.berth.jobs.CleanupJobs(jobService)));
        this.main = new MainViewModel(executor, dialogs, notifications, connections, browser, repository, details, cleanup, overview);
        this.jobService = jobService;
        this.jobs = new JobsViewModel(executor, jobService, notices);
        ConnectedClients clients = new ConnectedClients();
        TransferActions actions = new TransferActions(transferDialogs, new CopyJobs(jobService, new StorePlaces(clients, engines, scratch), new ImageCopier(),
                new ArrivedImages(executor, browser, repository)),
                clients, browser.registries(), notifications, new EngineProbe(executor, engines));
        this.transfers = new TransferMenus(actions, tag -> repository.repositoryProperty().get() != tag.repository() ? List.of()
                : repository.rows().stream().filter(row -> row.tag().equals(tag.tag())).findFirst()
                        .map(row -> TransferActions.platforms(row.platformsProperty().get())).orElse(List.of()));
        this.fileOpener = new FileOpener(executor, actions, transferDialogs, main::openFolder, main::search, notifications);
    }

    /** Opens files dropped on the window and the arguments Berth is started or handed with. */
    public FileOpener fileOpener() {
        return fileOpener;
    }

    /** The engine's images for the tree, looked up afresh each time (the engine may have been started or stopped meanwhile). */
    private static BrowserViewModel.LocalEngine localEngine(EngineLocator engines) {
        return () -> {
            try (dev.berth.engine.Engine engine = engines.connect()) {
                return new BrowserViewModel.LocalEngine.Listing(engine.address().toString(), engine.images());
            }
        };
    }

    public JobService jobService() {
        return jobService;
    }

    public JobsViewModel jobs() {
        return jobs;
    }

    public TransferMenus transfers() {
        return transfers;
    }

    /**
     * The connections of the user running Berth: their config directory, their secret store. {@code clients} is
     * called on first use, off the FX thread: see {@link ConnectionService}.
     */
    public static ConnectionService userConnections(Supplier<RegistryClients> clients, ConfigDirectories directories, Path home,
            Map<String, String> environment) {
        return new ConnectionService(() -> ConnectionStore.in(directories, SecretStores.detect()),
                () -> ConnectionTester.standard(clients.get()), home, environment, Clock.systemUTC());
    }

    public ActivityMonitor activity() {
        return activity;
    }

    public NotificationArea notifications() {
        return notifications;
    }

    public ConnectionService connections() {
        return connections;
    }

    public MainViewModel main() {
        return main;
    }
}
