package dev.berth.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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

/** What the installed-package tests share: the package the installer profile built, tools, and runs in a scratch home. */
final class InstalledPackage {

    record Result(int code, String out, String err) {}

    private final Path work;

    InstalledPackage(Path work) {
        this.work = work;
    }

    /** The package in target/installer whose file name matches, e.g. {@code berth_.*\\.deb}. */
    static Path built(String fileNamePattern) throws IOException {
        Path dir = Path.of("target", "installer");
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().matches(fileNamePattern)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + fileNamePattern + " in " + dir.toAbsolutePath()
                            + ": run ./mvnw -Pinstaller verify, which builds it before this test"));
        }
    }

    /** The tool's path on PATH, or a failure that says which Debian package(s) to install. */
    static String tool(String name, String debianPackages) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
        }
        fail(name + " is not installed; install the Debian package(s): " + debianPackages);
        return name;
    }

    /**
     * The classes of the first window come from the start-up cache that packaging trained (an AOT cache, or an
     * AppCDS archive before JDK 25), and it still serves them from where the package put the app, not where it was trained.
     */
    void assertStartsFromItsCache(Path app, Path appDir) throws Exception {
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

    /** Runs with a home, XDG directories and a Docker config inside the temp dir, never the real ones. */
    Result run(List<String> command, Map<String, String> extra, int timeoutSeconds) throws IOException, InterruptedException {
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
