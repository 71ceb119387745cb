package dev.berth.ui.app;

import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.SummaryCache;
import dev.berth.registry.RegistryClients;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.ParallelTagCountLoader;
import dev.berth.ui.browser.RepositoryViewModel;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.DialogService;
import dev.berth.ui.common.NotificationArea;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.connections.RegistryConnector;
import dev.berth.ui.details.TagDetailsViewModel;
import java.nio.file.Path;
import java.util.Map;

/** The composition root: builds every service and ViewModel once, with constructor injection. */
public final class AppServices {

    private final RegistryClients clients;
    private final ActivityMonitor activity;
    private final NotificationArea notifications;
    private final MainViewModel main;

    public AppServices(RegistryClients clients, UiExecutor executor, ActivityMonitor activity, DialogService dialogs,
            Path home, Map<String, String> environment) {
        this.clients = clients;
        this.activity = activity;
        this.notifications = new NotificationArea();
        BrowserViewModel browser = new BrowserViewModel(executor, notifications, new ParallelTagCountLoader(8));
        RepositoryViewModel repository = new RepositoryViewModel(executor, notifications, new RepositoryScanner(SummaryCache.inMemory()));
        TagDetailsViewModel details = new TagDetailsViewModel(executor);
        this.main = new MainViewModel(executor, dialogs, notifications, new RegistryConnector(clients, home, environment),
                browser, repository, details);
    }

    public RegistryClients clients() {
        return clients;
    }

    public ActivityMonitor activity() {
        return activity;
    }

    public NotificationArea notifications() {
        return notifications;
    }

    public MainViewModel main() {
        return main;
    }
}
