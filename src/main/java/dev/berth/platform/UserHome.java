package dev.berth.platform;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that says where the user's home and XDG base directories are, read as the
 * {@code docker} CLI reads them: {@code $HOME} when it is set (and absolute), else the home of the
 * user database, which is all {@code user.home} knows. Reading {@code user.home} alone would make
 * Berth use another Docker {@code config.json} and another journal than {@code docker} whenever
 * {@code HOME} points elsewhere (sudo -E, CI jobs, containers, tests).
 */
public final class UserHome {

    private UserHome() {}

    /** The home of the user running this JVM, from its environment. */
    public static Path current() {
        return of(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
    }

    /**
     * The home for an OS (as {@code os.name} spells it), an environment and the user database's home
     * ({@code user.home}). On Windows Docker reads {@code USERPROFILE}; elsewhere {@code HOME}.
     */
    public static Path of(String osName, Map<String, String> env, String userDatabaseHome) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(userDatabaseHome, "userDatabaseHome");
        String variable = osName.toLowerCase(Locale.ROOT).startsWith("windows") ? "USERPROFILE" : "HOME";
        return absolute(env, variable).orElse(Path.of(userDatabaseHome));
    }

    /**
     * An XDG base directory variable ({@code XDG_CONFIG_HOME}, {@code XDG_DATA_HOME} …), if it is set
     * to an absolute path: the XDG spec says relative paths are invalid and to be ignored.
     */
    public static Optional<Path> xdg(Map<String, String> env, String variable) {
        return absolute(env, variable);
    }

    /** The XDG directory {@code variable} names, else {@code home/fallback} as the spec's default. */
    public static Path xdg(Map<String, String> env, String variable, Path home, String fallback) {
        return xdg(env, variable).orElse(home.resolve(fallback));
    }

    /** A variable as a path, when it is set and usable; otherwise as if unset. */
    public static Optional<Path> variable(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> absolute(Map<String, String> env, String name) {
        return variable(env, name).filter(Path::isAbsolute);
    }
}
