package dev.berth.ui.app;

import dev.berth.platform.BerthVersion;
import dev.berth.platform.LogDirectory;
import dev.berth.platform.Logging;
import org.slf4j.LoggerFactory;

/** Launches Berth. A plain main class, so the JavaFX runtime can come from the class path. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        startLogging();
        javafx.application.Application.launch(BerthApplication.class, args);
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
