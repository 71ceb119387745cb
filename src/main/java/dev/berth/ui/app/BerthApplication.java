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
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The JavaFX application: wires the services, shows the main window, reads the desktop theme. */
public final class BerthApplication extends Application {

    private FxUiExecutor executor;

    @Override
    public void start(Stage stage) {
        ThemeManager.apply(MainViewModel.Theme.LIGHT);
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity);
        RegistryClients clients = new RegistryClients();
        AppServices services = new AppServices(clients, executor, activity, new FxDialogService(() -> stage),
                Path.of(System.getProperty("user.home")), System.getenv());
        MainView view = new MainView(services.main(), activity, services.notifications());
        services.main().themeProperty().addListener((obs, old, theme) -> ThemeManager.apply(theme));

        stage.setTitle("Berth");
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();

        CompletableFuture.supplyAsync(() -> ThemeManager.desktopPreference(System.getenv()))
                .thenAccept(theme -> theme.ifPresent(t -> Platform.runLater(() -> services.main().themeProperty().set(t))));
        CompletableFuture.supplyAsync(() -> localRegistryAnswers(clients.sharedHttpClient()))
                .thenAccept(answers -> {
                    if (answers) Platform.runLater(() -> view.welcome().suggest("localhost:5000"));
                });
    }

    /** Whether a registry answers on localhost:5000, to pre-fill the first connection. */
    static boolean localRegistryAnswers(OkHttpClient http) {
        OkHttpClient quick = http.newBuilder().callTimeout(java.time.Duration.ofSeconds(1)).build();
        try (Response response = quick.newCall(new Request.Builder().url("http://localhost:5000/v2/").build()).execute()) {
            return response.header("Docker-Distribution-Api-Version") != null || response.code() == 200 || response.code() == 401;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        if (executor != null) executor.close();
    }
}
