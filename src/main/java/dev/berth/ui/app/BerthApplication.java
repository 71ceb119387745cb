package dev.berth.ui.app;

import dev.berth.registry.RegistryClients;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.app.FxDialogService;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.jobs.JobHistory;
import dev.berth.jobs.JobService;
import dev.berth.ui.jobs.FxTransferDialogs;
import dev.berth.ui.jobs.JobNotifications;
import dev.berth.ui.jobs.JobsView;
import dev.berth.engine.EngineLocator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import dev.berth.browse.DiskSummaryCache;
import dev.berth.cleanup.Journal;
import dev.berth.connection.ConfigDirectories;
import dev.berth.platform.UserHome;
import dev.berth.connection.ConnectionService;

/** The JavaFX application: wires the services, shows the main window, reads the desktop theme. */
public final class BerthApplication extends Application {

    private static final System.Logger LOG = System.getLogger(BerthApplication.class.getName());

    private FxUiExecutor executor;
    private JobService jobService;

    @Override
    public void start(Stage stage) {
        ThemeManager.apply(MainViewModel.Theme.LIGHT);
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity);
        Path home = UserHome.current();
        ConfigDirectories directories = ConfigDirectories.of(System.getProperty("os.name", ""), System.getenv(), home);
        ConnectionService connections = AppServices.userConnections(RegistryClients::new, directories, home, System.getenv());
        FxDialogService dialogs = new FxDialogService(() -> stage, new ConnectionTestCommand(executor, connections),
                connections::passwordStorageNote);
        jobService = new JobService(JobService.DEFAULT_RUNNING, JobHistory.in(JobHistory.defaultFile(System.getenv(), home)), Clock.systemUTC());
        AppServices services = new AppServices(executor, activity, dialogs, connections,
                new DiskSummaryCache(directories.cache().resolve("summaries")), new Journal(Journal.defaultDirectory(System.getenv(), home)),
                jobService, new FxTransferDialogs(() -> stage), new JobNotifications(() -> stage),
                // The engine is found as the docker CLI finds it; images saved from or loaded into it wait in TMPDIR, as for `berth copy`.
                new EngineLocator(System.getenv()), Path.of(System.getenv().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir"))));
        MainView view = new MainView(services.main(), activity, services.notifications());
        view.dockJobs(new JobsView(services.jobs()), services.transfers());
        services.main().themeProperty().addListener((obs, old, theme) -> ThemeManager.apply(theme));

        stage.setTitle("Berth");
        stage.getIcons().setAll(AppIcons.images());
        stage.setScene(new Scene(view));
        MainWindow.restore(stage, view.treeDivider(), new WindowStateFile(directories.config().resolve(WindowStateFile.NAME)));
        view.onAbout(() -> AboutDialog.show(stage, AboutInfo.of(System.getProperty("os.name", ""), System.getenv(), home)));
        SmokeTest.exitAfterFirstWindow(stage, System.getenv());
        stage.show();
        view.acceptFileDrops(services.fileOpener());
        // A reference, archive or layout given on the command line, now or by a later launch (which then exits, having made
        // its paths absolute), opens here: a reference in the search, a file as if dropped on the window.
        Path workingDirectory = Path.of("").toAbsolutePath();
        services.fileOpener().openArguments(getParameters().getRaw(), workingDirectory);
        LaterArguments.INSTANCE.listen(args -> Platform.runLater(() -> {
            stage.setIconified(false);
            stage.toFront();
            stage.requestFocus();
            services.fileOpener().openArguments(args, workingDirectory);
        }));

        rememberTheme(services.main(), new ThemeChoiceFile(directories.config().resolve(ThemeChoiceFile.NAME)));
        LastSelection.keep(stage, services.main().browser(), new LastSelectionFile(directories.config().resolve(LastSelectionFile.NAME)));
        CompletableFuture.supplyAsync(() -> services.connections().localhostCandidate())
                .thenAccept(candidate -> candidate.ifPresent(c -> Platform.runLater(() -> view.welcome().suggest(c.registry()))));
        services.main().start();
        services.jobs().start();
    }

    /** A theme the user chose before wins over the desktop's preference; a new choice is saved off the FX thread. */
    private static void rememberTheme(MainViewModel main, ThemeChoiceFile choice) {
        Optional<MainViewModel.Theme> chosen = choice.load(); // a one-word file, read once before the window paints
        if (chosen.isPresent()) {
            main.themeProperty().set(chosen.get());
        } else {
            CompletableFuture.supplyAsync(() -> ThemeManager.desktopPreference(System.getenv()))
                    .thenAccept(theme -> theme.ifPresent(t -> Platform.runLater(() -> main.themeProperty().set(t))));
        }
        main.chosenThemeProperty().addListener((obs, old, theme) -> CompletableFuture.runAsync(() -> {
            try {
                choice.save(theme);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not remember the theme: " + e.getMessage());
            }
        }));
    }

    @Override
    public void stop() {
        if (jobService != null) jobService.close(); // cancels running jobs so they discard what they half wrote
        if (executor != null) executor.close();
    }
}
