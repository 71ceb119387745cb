package dev.berth.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.berth.packaging.InstalledPackage.tool;

import dev.berth.packaging.InstalledPackage.Result;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code ./mvnw -Pinstaller verify} builds, unpacked into a scratch root with {@code dpkg -x} as
 * dpkg would install it: the desktop entry is there, {@code berth} is on the PATH, the installed app opens its
 * window (under Xvfb) with the runtime it brings, and the installed {@code berth} answers and copies an image
 * between two repositories of a real registry. Runs in the {@code installer} profile only, after the package is
 * built (building it takes minutes, too long for every {@code ./mvnw verify}).
 */
class InstalledDebIT {

    @TempDir
    Path work;

    private InstalledPackage installed;

    @BeforeEach
    void scratchHome() {
        installed = new InstalledPackage(work);
    }

    @Test
    void theInstalledPackageOpensItsWindowAndItsBerthAnswers() throws Exception {
        Path deb = InstalledPackage.built("berth_.*\\.deb");
        Path root = work.resolve("root");
        Result unpack = installed.run(List.of(tool("dpkg", "dpkg"), "-x", deb.toString(), root.toString()), Map.of(), 120);
        assertEquals(0, unpack.code(), unpack.err());

        Path berth = root.resolve("opt/berth/bin/berth");
        Path app = root.resolve("opt/berth/bin/Berth");
        assertTrue(Files.isExecutable(berth) && Files.isExecutable(app), "launchers missing under " + root.resolve("opt/berth/bin"));
        assertEquals(Path.of("/opt/berth/bin/berth"), Files.readSymbolicLink(root.resolve("usr/bin/berth")), "berth is not on the PATH");
        String desktop = Files.readString(root.resolve("opt/berth/lib/berth-Berth.desktop"));
        assertTrue(desktop.contains("Categories=Development;Utility;") && desktop.contains("MimeType=application/x-tar;"), desktop);
        assertTrue(desktop.contains("Exec=/opt/berth/bin/Berth"), desktop);
        assertTrue(Files.isRegularFile(root.resolve("opt/berth/lib/Berth.png")), "the menu icon is missing");
        assertTrue(Files.notExists(root.resolve("opt/berth/lib/berth-berth.desktop")), "the command line has a menu entry");

        Result version = installed.run(List.of(berth.toString(), "--version"), Map.of(), 120);
        assertEquals(0, version.code(), version.err());
        assertEquals("berth " + System.getProperty("berth.expectedVersion"), version.out().strip());

        assertCompilesLikeBinBerth(root.resolve("opt/berth/lib/app/berth.cfg"));

        try (RegistryServer registry = RegistryServer.builder(work.resolve("registry")).start()) {
            TestImages.Image image = RegistrySeeder.of(registry).pushImage("team/app", "v1", 3, 1000, 2000);
            String host = registry.hostPort();
            Result copy = installed.run(List.of(berth.toString(), "copy", host + "/team/app:v1", host + "/mirror/app:v1"), Map.of(), 180);
            assertEquals(0, copy.code(), copy.out() + copy.err());
            assertArrayEquals(image.manifest().bytes(), RegistrySeeder.of(registry).getManifest("mirror/app", "v1"));
        }

        // Xvfb gives the installed GTK window a display; the app prints a marker once it is shown and exits.
        Result window = installed.run(List.of(tool("xvfb-run", "xvfb xauth"), "-a", "-s", "-screen 0 1280x1024x24", app.toString()),
                Map.of("BERTH_EXIT_AFTER_FIRST_WINDOW", "1"), 180);
        assertEquals(0, window.code(), window.out() + window.err());
        assertTrue(window.out().contains("berth: first window shown after "), window.out() + window.err());
        // JavaFX is in the runtime as modules (on the class path it warns "Unsupported JavaFX configuration"), its
        // native access is granted, and the start-up cache is valid where dpkg put it (else the JVM says so).
        for (String warning : List.of("Unsupported JavaFX configuration", "WARNING", "[warning]", "[error]")) {
            assertFalse(window.err().contains(warning), "the installed app warned: " + window.err());
        }
        installed.assertStartsFromItsCache(app, root.resolve("opt/berth/lib/app"));
        try (Stream<Path> logs = Files.list(work.resolve("home/xdg_state_home/berth/logs"))) {
            assertTrue(logs.anyMatch(p -> p.getFileName().toString().equals("berth.log")), "the app wrote no log");
        }
    }

    /**
     * The installed command line's JIT options are bin/berth's (later C2, measured there), and it never stops at C1:
     * -XX:TieredStopAtLevel=1 would hash every layer 10-15x slower (SHA-256's intrinsic is C2's only).
     */
    private static void assertCompilesLikeBinBerth(Path launcherConfig) throws Exception {
        String installed = Files.readString(launcherConfig);
        String script = Files.readString(Path.of("bin/berth"));
        Matcher jitOptions = Pattern.compile("jit_opts=\\(([^)]*)\\)").matcher(script);
        assertTrue(jitOptions.find(), "bin/berth has no jit_opts");
        for (String option : jitOptions.group(1).split("\\s+")) {
            if (!option.isBlank()) assertTrue(installed.contains(option), "the installed berth lacks " + option + ":\n" + installed);
        }
        assertFalse(installed.contains("TieredStopAtLevel"), installed);
    }
}
