package dev.berth.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

    record Result(int code, String out, String err) {}

    @Test
    void theInstalledPackageOpensItsWindowAndItsBerthAnswers() throws Exception {
        Path deb = builtDeb();
        Path root = work.resolve("root");
        Result unpack = run(List.of(tool("dpkg", "dpkg"), "-x", deb.toString(), root.toString()), Map.of(), 120);
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

        Result version = run(List.of(berth.toString(), "--version"), Map.of(), 120);
        assertEquals(0, version.code(), version.err());
        assertEquals("berth " + System.getProperty("berth.expectedVersion"), version.out().strip());

        try (RegistryServer registry = RegistryServer.builder(work.resolve("registry")).start()) {
            TestImages.Image image = RegistrySeeder.of(registry).pushImage("team/app", "v1", 3, 1000, 2000);
            String host = registry.hostPort();
            Result copy = run(List.of(berth.toString(), "copy", host + "/team/app:v1", host + "/mirror/app:v1"), Map.of(), 180);
            assertEquals(0, copy.code(), copy.out() + copy.err());
            assertArrayEquals(image.manifest().bytes(), RegistrySeeder.of(registry).getManifest("mirror/app", "v1"));
        }

        // Xvfb gives the installed GTK window a display; the app prints a marker once it is shown and exits.
        Result window = run(List.of(tool("xvfb-run", "xvfb xauth"), "-a", "-s", "-screen 0 1280x1024x24", app.toString()),
                Map.of("BERTH_EXIT_AFTER_FIRST_WINDOW", "1"), 180);
        assertEquals(0, window.code(), window.out() + window.err());
        assertTrue(window.out().contains("berth: first window shown after "), window.out() + window.err());
        // JavaFX is in the runtime as modules (on the class path it warns "Unsupported JavaFX configuration"), its
        // native access is granted, and the start-up cache is valid where dpkg put it (else the JVM says so).
        for (String warning : List.of("Unsupported JavaFX configuration", "WARNING", "[warning]", "[error]")) {
            assertFalse(window.err().contains(warning), "the installed app warned: " + window.err());
        }
        assertStartsFromItsCache(app, root.resolve("opt/berth/lib/app"));
        try (Stream<Path> logs = Files.list(work.resolve("home/xdg_state_home/berth/logs"))) {
            assertTrue(logs.anyMatch(p -> p.getFileName().toString().equals("berth.log")), "the app wrote no log");
        }
    }

    /**
     * The classes of the first window come from the start-up cache that packaging trained (an AOT cache, or an
     * AppCDS archive before JDK 25), and it still serves them from where dpkg put the app, not where it was trained.
     */
    private void assertStartsFromItsCache(Path app, Path appDir) throws Exception {
        assertTrue(Files.isRegularFile(appDir.resolve("Berth.aot")) || Files.isRegularFile(appDir.resolve("Berth.jsa")),
                "no start-up cache (Berth.aot or Berth.jsa) in " + appDir);
        Path log = work.resolve("class-load.log");
        Result window = run(List.of(tool("xvfb-run", "xvfb xauth"), "-a", "-s", "-screen 0 1280x1024x24", app.toString()),
                Map.of("BERTH_EXIT_AFTER_FIRST_WINDOW", "1", "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log), 180);
        assertEquals(0, window.code(), window.out() + window.err());
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" dev.berth.ui.app.BerthApplication source: shared objects file")),
                "Berth's classes did not come from the start-up cache:\n" + String.join("\n", loaded.subList(0, Math.min(40, loaded.size()))));
        long fromCache = loaded.stream().filter(line -> line.contains("source: shared objects file")).count();
        assertTrue(fromCache > loaded.size() * 9 / 10, fromCache + " of " + loaded.size() + " classes came from the start-up cache");
    }

    private static Path builtDeb() throws IOException {
        Path dir = Path.of("target", "installer");
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().matches("berth_.*\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no berth_*.deb in " + dir.toAbsolutePath()
                            + ": run ./mvnw -Pinstaller verify, which builds it before this test"));
        }
    }

    private static String tool(String name, String debianPackages) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
        }
        fail(name + " is not installed; install the Debian package(s): " + debianPackages);
        return name;
    }

    /** Runs with a home, XDG directories and a Docker config inside the temp dir, never the real ones. */
    private Result run(List<String> command, Map<String, String> extra, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        Path home = work.resolve("home");
        Files.createDirectories(home);
        builder.environment().put("HOME", home.toString());
        for (String xdg : List.of("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")) {
            builder.environment().put(xdg, home.resolve(xdg.toLowerCase(java.util.Locale.ROOT)).toString());
        }
        builder.environment().put("DOCKER_CONFIG", work.resolve("docker").toString());
        // The installed launchers bring their own runtime: nothing of the test's JDK may leak in.
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(extra);
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
