import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The yardstick of bench/startup-benchmark.sh: the smallest JavaFX window, started like Berth (a plain main
 * class on the class path) and timed like Berth: with BERTH_EXIT_AFTER_FIRST_WINDOW=1 it prints Berth's
 * marker once its window is shown and exits (dev.berth.ui.app.SmokeTest does the same for Berth).
 */
public final class HelloFx {

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("Hello");
            stage.setScene(new Scene(new StackPane(new Label("Hello, JavaFX")), 640, 480));
            if ("1".equals(System.getenv("BERTH_EXIT_AFTER_FIRST_WINDOW"))) {
                stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(() -> {
                    long millis = millisSinceStart();
                    System.out.println("berth: first window shown after " + millis + " ms");
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                }));
            }
            stage.show();
        }
    }

    /** As Berth's dev.berth.platform.ProcessStart: from /proc, since the JDK's start instant is up to 1 s early on Linux. */
    private static long millisSinceStart() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0]);
            return Math.round(uptime * 1000) - Long.parseLong(fields[19]) * 10;
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant()
                    .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
        }
    }
}
