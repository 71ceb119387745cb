package dev.berth.ui.app;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes one of the app's small settings files (theme, window, last selection) off the FX thread, on a thread that
 * is not a daemon so the JVM waits for the write when the window closes. A write that fails is logged; the app goes
 * on, and the setting is simply not remembered.
 */
final class SettingsWrite {

    private static final System.Logger LOG = System.getLogger(SettingsWrite.class.getName());

    /** The write itself: blocking file I/O. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private SettingsWrite() {}

    /** Runs {@code write} on a thread of its own; {@code what} names the setting in the thread and in the log. */
    static void inBackground(String what, Path file, Write write) {
        Thread.ofPlatform().name("berth-save-" + what.replace(' ', '-')).start(() -> {
            try {
                write.run();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not remember " + what + " in " + file + ": " + e.getMessage());
            }
        });
    }
}
