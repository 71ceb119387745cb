package dev.berth.testing;

import dev.berth.platform.UserHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test class after which the real user's Berth directories ({@code ~/.config/berth},
 * {@code ~/.cache/berth}, {@code ~/.local/share/berth}, {@code ~/.local/state/berth}, and their XDG
 * equivalents) differ from how they were when the test JVM started: a test wrote outside its
 * temporary directory. Registered for every test through {@code META-INF/services} and
 * {@code junit.jupiter.extensions.autodetection.enabled}.
 *
 * <p>Both homes are watched, {@code $HOME} and the user database's: a test that runs Berth with
 * only one of them isolated still leaks into the other.
 */
public final class RealHomeGuard implements AfterAllCallback {

    /** Taken once per JVM, when the first test class loads this extension, before any test runs. */
    private static final Map<Path, String> BEFORE = snapshot(watched());

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> changed = changes(BEFORE, snapshot(watched()));
        if (changed.isEmpty()) return;
        throw new AssertionError("A test wrote into the real home's Berth directories (noticed after "
                + context.getRequiredTestClass().getSimpleName() + "): " + String.join(", ", changed.subList(0, Math.min(10, changed.size())))
                + ". Give the CLI or app a temporary HOME, XDG_* and DOCKER_CONFIG (ChildJvm.isolatedIn, CliEnvironment's variables and home).");
    }

    /** The watched directories, as the real environment names them. */
    static Set<Path> watched() {
        Map<String, String> env = System.getenv();
        Set<Path> homes = new LinkedHashSet<>(List.of(UserHome.current(), Path.of(System.getProperty("user.home"))));
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path home : homes) {
            dirs.add(home.resolve(".config/berth"));
            dirs.add(home.resolve(".cache/berth"));
            dirs.add(home.resolve(".local/share/berth"));
            dirs.add(home.resolve(".local/state/berth"));
        }
        for (String variable : List.of("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")) {
            UserHome.xdg(env, variable).ifPresent(dir -> dirs.add(dir.resolve("berth")));
        }
        return dirs;
    }

    /** What differs between two snapshots, one line per path. */
    static List<String> changes(Map<Path, String> before, Map<Path, String> now) {
        List<String> changed = new ArrayList<>();
        Set<Path> all = new LinkedHashSet<>(before.keySet());
        all.addAll(now.keySet());
        for (Path p : all) {
            if (Objects.equals(before.get(p), now.get(p))) continue;
            changed.add(p + (!now.containsKey(p) ? " (deleted)" : before.containsKey(p) ? " (changed)" : " (created)"));
        }
        return changed;
    }

    /** Every file and directory under {@code dirs}, with its size and modification time. */
    static Map<Path, String> snapshot(Set<Path> dirs) {
        Map<Path, String> files = new TreeMap<>();
        for (Path dir : dirs) {
            if (!Files.exists(dir)) continue;
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.forEach(p -> files.put(p, fingerprint(p)));
            } catch (IOException | UncheckedIOException e) {
                files.put(dir, "unreadable: " + e.getMessage());
            }
        }
        return files;
    }

    private static String fingerprint(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime();
        } catch (NoSuchFileException gone) {
            return "vanished";
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
