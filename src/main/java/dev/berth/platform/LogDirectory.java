package dev.berth.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where Berth writes its logs, the place each platform's tools look for them:
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_STATE_HOME/berth/logs} (else {@code ~/.local/state/berth/logs}),
 *       the XDG home for "actions history (logs …)"</li>
 *   <li>macOS: {@code ~/Library/Logs/Berth}, where Console.app finds them</li>
 *   <li>Windows: {@code %LOCALAPPDATA%\Berth\logs}: logs stay on the machine, they do not roam</li>
 * </ul>
 */
public final class LogDirectory {

    private LogDirectory() {}

    /** The log directory of the user running this JVM. */
    public static Path forCurrentUser() {
        return of(System.getProperty("os.name", ""), System.getenv(), UserHome.current());
    }

    /** The log directory for an OS (as {@code os.name} spells it), an environment and a home directory. */
    public static Path of(String osName, Map<String, String> env, Path home) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(home, "home");
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path local = UserHome.variable(env, "LOCALAPPDATA").orElse(home.resolve("AppData").resolve("Local"));
            return local.resolve("Berth").resolve("logs");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) return home.resolve("Library").resolve("Logs").resolve("Berth");
        return UserHome.xdg(env, "XDG_STATE_HOME", home, ".local/state").resolve("berth").resolve("logs");
    }
}
