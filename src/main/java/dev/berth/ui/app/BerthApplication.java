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
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import dev.berth.browse.DiskSummaryCache;
import dev.berth.cleanup.Journal;
import dev.berth.connection.ConfigDirectories;
import dev.berth.platform.UserHome;
import dev.berth.connection.ConnectionService;

/** The JavaFX application: shows the main window, then wires the services and builds its view; reads the desktop theme. */
public final class BerthApplication extends Application {

    private FxUiExecutor executor;
    private JobService jobService;

    @Override
    public void start(Stage stage) {
        Path home = UserHome.current();
        ConfigDirectories directories = ConfigDirectories.of(System.getProperty("os.name", ""), System.getenv(), home);
        ThemeChoiceFile themeChoice = new ThemeChoiceFile(directories.config().resolve(ThemeChoiceFile.NAME));
        Optional<MainViewModel.Theme> chosen = themeChoice.load(); // a one-word file, read once before the window paints
        MainViewModel.Theme firstTheme = ThemeManager.firstTheme(chosen, System.getenv());
        // Asked now, in the background: by the time the main view is built the desktop has usually answered.
        CompletableFuture<Optional<MainViewModel.Theme>> desktopTheme = chosen.isPresent() ? CompletableFuture.completedFuture(Optional.empty())
                : CompletableFuture.supplyAsync(() -> ThemeManager.desktopPreference(System.getenv()));
        // The window first, at its place, in the theme's colour; the main view once its first frame is drawn.
        stage.setTitle("Berth");
        stage.getIcons().setAll(AppIcons.images());
        stage.setScene(StartSequence.placeholder(firstTheme));
        MainWindow window = MainWindow.restore(stage, new WindowStateFile(directories.config().resolve(WindowStateFile.NAME)));
        SmokeTest smokeTest = SmokeTest.of(System.getenv());
        smokeTest.watch(stage);
        StartSequence.show(stage, () -> {
            MainView view = mainView(stage, home, directories, ThemeManager.mainViewTheme(chosen, firstTheme, desktopTheme), desktopTheme, themeChoice);
            window.attach(view.treeDivider());
            return view;
        }, () -> smokeTest.mainViewReady(stage.getScene()));
    }

    /** Builds the services and the main view, and starts them: after the window is shown (see {@link StartSequence}). */
    private MainView mainView(Stage stage, Path home, ConfigDirectories directories, MainViewModel.Theme theme,
            CompletableFuture<Optional<MainViewModel.Theme>> desktopTheme, ThemeChoiceFile themeChoice) {
        // Set once the window is on screen, before anything is styled with it: the placeholder needs no stylesheet.
        ThemeManager.apply(theme);
        stage.getScene().setFill(ThemeManager.background(theme));
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity);
        ConnectionService connections = AppServices.userConnections(RegistryClients::new, directories, home, System.getenv());
        FxDialogService dialogs = new FxDialogService(() -> stage, new ConnectionTestCommand(executor, connections),
                connections::passwordStorageNote);
        jobService = new JobService(JobService.DEFAULT_RUNNING, JobHistory.in(JobHistory.defaultFile(System.getenv(), home)), Clock.systemUTC());
        AppServices services = new AppServices(executor, activity, dialogs, connections,
                new DiskSummaryCache(directories.cache().resolve("summaries")), new Journal(Journal.defaultDirectory(System.getenv(), home)),
                jobService, new FxTransferDialogs(() -> stage), new JobNotifications(() -> stage),
                // The engine is found as the docker CLI finds it; images saved from or loaded into it wait in TMPDIR, as for `berth copy`.
                new EngineLocator(System.getenv()), Path.of(System.getenv().getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir"))));
        services.main().themeProperty().set(theme);
        MainView view = new MainView(services.main(), activity, services.notifications());
        view.dockJobs(new JobsView(services.jobs()), services.transfers());
        services.main().themeProperty().addListener((obs, old, next) -> {
            ThemeManager.apply(next);
            stage.getScene().setFill(ThemeManager.background(next));
        });

        view.onAbout(() -> AboutDialog.show(stage, AboutInfo.of(System.getProperty("os.name", ""), System.getenv(), home)));
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

        rememberTheme(services.main(), desktopTheme, themeChoice);
        LastSelection.keep(stage, services.main().browser(), new LastSelectionFile(directories.config().resolve(LastSelectionFile.NAME)));
        CompletableFuture.supplyAsync(() -> services.connections().localhostCandidate())
                .thenAccept(candidate -> candidate.ifPresent(c -> Platform.runLater(() -> view.welcome().suggest(c.registry()))));
        services.main().start();
        services.jobs().start();
        return view;
    }

    /**
     * The desktop's preference, if it answers after the main view was built (it is empty when the user chose before, whose
     * choice wins); a new choice is saved off the FX thread.
     */
    private static void rememberTheme(MainViewModel main, CompletableFuture<Optional<MainViewModel.Theme>> desktopTheme, ThemeChoiceFile choice) {
        desktopTheme.thenAccept(theme -> theme.ifPresent(t -> Platform.runLater(() -> main.themeProperty().set(t))));
        main.chosenThemeProperty().addListener((obs, old, theme) -> SettingsWrite.inBackground("the theme", choice.path(), () -> choice.save(theme)));
    }

    @Override
    public void stop() {
        if (jobService != null) jobService.close(); // cancels running jobs so they discard what they half wrote
        if (executor != null) executor.close();
    }
}
