package dev.berth.ui.app;

import dev.berth.registry.RegistryClients;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxDialogService;
import dev.berth.ui.common.FxUiExecutor;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import dev.berth.browse.DiskSummaryCache;
import dev.berth.cleanup.Journal;
import dev.berth.connection.ConfigDirectories;
import dev.berth.platform.UserHome;
import dev.berth.ui.connections.ConnectionService;

/** The JavaFX application: wires the services, shows the main window, reads the desktop theme. */
public final class BerthApplication extends Application {

    private FxUiExecutor executor;

    @Override
    public void start(Stage stage) {
        ThemeManager.apply(MainViewModel.Theme.LIGHT);
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity);
        RegistryClients clients = new RegistryClients();
        Path home = UserHome.current();
        ConfigDirectories directories = ConfigDirectories.of(System.getProperty("os.name", ""), System.getenv(), home);
        ConnectionService connections = AppServices.userConnections(clients, directories, home, System.getenv());
        FxDialogService dialogs = new FxDialogService(() -> stage, new ConnectionTestCommand(executor, connections),
                connections::passwordStorageNote);
        AppServices services = new AppServices(executor, activity, dialogs, connections,
                new DiskSummaryCache(directories.cache().resolve("summaries")), new Journal(Journal.defaultDirectory(System.getenv(), home)));
        MainView view = new MainView(services.main(), activity, services.notifications());
        services.main().themeProperty().addListener((obs, old, theme) -> ThemeManager.apply(theme));

        stage.setTitle("Berth");
        stage.setScene(new Scene(view));
        MainWindow.restore(stage, view.treeDivider(), new WindowStateFile(directories.config().resolve(WindowStateFile.NAME)));
        stage.show();

        CompletableFuture.supplyAsync(() -> ThemeManager.desktopPreference(System.getenv()))
                .thenAccept(theme -> theme.ifPresent(t -> Platform.runLater(() -> services.main().themeProperty().set(t))));
        CompletableFuture.supplyAsync(() -> services.connections().localhostCandidate())
                .thenAccept(candidate -> candidate.ifPresent(c -> Platform.runLater(() -> view.welcome().suggest(c.registry()))));
        services.main().start();
    }

    @Override
    public void stop() {
        if (executor != null) executor.close();
    }
}
