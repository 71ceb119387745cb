package dev.berth.ui.app;

import dev.berth.platform.BerthVersion;
import dev.berth.platform.LogDirectory;
import dev.berth.platform.Logging;
import dev.berth.platform.SingleInstance;
import dev.berth.platform.UserHome;
import java.io.IOException;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Launches Berth. A plain main class, so the JavaFX runtime can come from the class path. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        SingleInstance instance = null;
        try {
            SingleInstance.Claim claim = SingleInstance.claim(
                    SingleInstance.runtimeDirectory(System.getProperty("os.name", ""), System.getenv(), UserHome.current()),
                    LaunchArgument.handedOver(List.of(args), java.nio.file.Path.of("").toAbsolutePath()), LaterArguments.INSTANCE::arrived);
            if (claim instanceof SingleInstance.HandedOver) {
                System.out.println("Berth is already running; it has been brought to the front.");
                return;
            }
            instance = ((SingleInstance.First) claim).instance();
        } catch (IOException e) {
            System.err.println("berth: cannot check for another running Berth (" + e.getMessage() + "); starting anyway");
        }
        startLogging();
        try {
            javafx.application.Application.launch(BerthApplication.class, args);
        } finally {
            if (instance != null) instance.close();
        }
    }

    /** Off the start path: Logback's set-up costs more than the window may wait for. */
    private static void startLogging() {
        Thread.ofPlatform().daemon().name("log-setup").start(() -> {
            Logging.writeTo(LogDirectory.forCurrentUser(), "berth", Logging.verboseRequested(System.getenv())).ifPresent(file -> {
                LoggerFactory.getLogger(Main.class).info("Berth {} on Java {} ({} {})", BerthVersion.current(),
                        System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
                Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
                Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
                    LoggerFactory.getLogger("uncaught").error("Uncaught on {}", thread.getName(), e);
                    if (previous != null) previous.uncaughtException(thread, e);
                    else e.printStackTrace();
                });
            });
        });
    }
}
