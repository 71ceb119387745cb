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
import dev.berth.ui.browser.RepositoryViewModel;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.DialogService;
import dev.berth.ui.common.NotificationArea;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.connections.ConnectionService;
import dev.berth.cleanup.Journal;
import dev.berth.ui.cleanup.CleanupViewModel;
import dev.berth.ui.details.TagDetailsViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The composition root: builds every service and ViewModel once, with constructor injection. */
public final class AppServices {

    private final ActivityMonitor activity;
    private final NotificationArea notifications;
    private final ConnectionService connections;
    private final MainViewModel main;

    public AppServices(UiExecutor executor, ActivityMonitor activity, DialogService dialogs, ConnectionService connections,
            SummaryCache summaries, Journal journal) {
        this.activity = activity;
        this.notifications = new NotificationArea();
        this.connections = connections;
        BrowserViewModel browser = new BrowserViewModel(executor, notifications, CatalogLoader.Options.defaults(),
                new SavedConnectionMemory(executor, connections, notifications));
        RepositoryScanner scanner = new RepositoryScanner(summaries);
        RepositoryViewModel repository = new RepositoryViewModel(executor, notifications, scanner);
        TagDetailsViewModel details = new TagDetailsViewModel(executor);
        CleanupViewModel cleanup = new CleanupViewModel(executor, dialogs, notifications, scanner, journal,
                new ConnectionPolicies(connections), Clock.systemUTC(), 4, changed -> MainViewModel.reload(changed, repository, browser));
        this.main = new MainViewModel(executor, dialogs, notifications, connections, browser, repository, details, cleanup);
    }

    /** The connections of the user running Berth: their config directory, their secret store. */
    public static ConnectionService userConnections(RegistryClients clients, ConfigDirectories directories, Path home,
            Map<String, String> environment) {
        return new ConnectionService(() -> ConnectionStore.in(directories, SecretStores.detect()),
                ConnectionTester.standard(clients), home, environment, Clock.systemUTC());
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
