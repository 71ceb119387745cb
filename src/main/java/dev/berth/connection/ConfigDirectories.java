package dev.berth.connection;

import dev.berth.platform.UserHome;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where Berth keeps its files for the current user: the config directory (saved connections) and the
 * cache directory (registry metadata that can always be fetched again, so it may be deleted at will).
 *
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_CONFIG_HOME/berth} (else {@code ~/.config/berth}) and
 *       {@code $XDG_CACHE_HOME/berth} (else {@code ~/.cache/berth})</li>
 *   <li>macOS: {@code ~/Library/Application Support/Berth} and {@code ~/Library/Caches/Berth}</li>
 *   <li>Windows: {@code %APPDATA%\Berth} and {@code %LOCALAPPDATA%\Berth\Cache}</li>
 * </ul>
 *
 * <p>Nothing is created here; {@link ConnectionStore} creates the config directory when it first saves.
 */
public record ConfigDirectories(Path config, Path cache) {

    /** The name of the saved-connections file inside {@link #config()}. */
    public static final String CONNECTIONS_FILE = "connections.json";

    /**
     * The folder inside {@link #config()} where the app writes the offline demo on "Open the demo": it
     * sits beside the connections file because the demo connection points at it, and a person's
     * cleanups of the demo are kept like any other change.
     */
    public static final String DEMO_FOLDER = "demo";

    public ConfigDirectories {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(cache, "cache");
    }

    /** The directories for the user running this JVM. */
    public static ConfigDirectories forCurrentUser() {
        String os = System.getProperty("os.name", "");
        return of(os, System.getenv(), UserHome.current());
    }

    /**
     * The directories for an OS (as {@code os.name} spells it), an environment and a home directory;
     * tests give their own so they never look at the real ones.
     */
    public static ConfigDirectories of(String osName, Map<String, String> env, Path home) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(home, "home");
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            // Roaming for settings (they follow the user between machines), Local for the cache (it need not).
            Path roaming = UserHome.variable(env, "APPDATA").orElse(home.resolve("AppData").resolve("Roaming"));
            Path local = UserHome.variable(env, "LOCALAPPDATA").orElse(home.resolve("AppData").resolve("Local"));
            return new ConfigDirectories(roaming.resolve("Berth"), local.resolve("Berth").resolve("Cache"));
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            Path library = home.resolve("Library");
            return new ConfigDirectories(library.resolve("Application Support").resolve("Berth"),
                    library.resolve("Caches").resolve("Berth"));
        }
        Path config = UserHome.xdg(env, "XDG_CONFIG_HOME", home, ".config");
        Path cache = UserHome.xdg(env, "XDG_CACHE_HOME", home, ".cache");
        return new ConfigDirectories(config.resolve("berth"), cache.resolve("berth"));
    }

    /** Where the app keeps the offline demo. */
    public Path demoFolder() {
        return config.resolve(DEMO_FOLDER);
    }

    /** {@code connections.json} in the config directory. */
    public Path connectionsFile() {
        return config.resolve(CONNECTIONS_FILE);
    }

}
