package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs skopeo, umoci or podman as a person would; a missing binary fails with what to install. */
public final class ExternalTool {

    private ExternalTool() {}

    /** Runs {@code command}, fails the test unless it exits 0, and returns its stdout. */
    public static String run(Path workDir, String... command) throws IOException, InterruptedException {
        Result result = tryRun(workDir, command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + " failed:\n" + result.stderr());
        return result.stdout();
    }

    public static Result tryRun(Path workDir, String... command) throws IOException, InterruptedException {
        requireInstalled(command[0]);
        Path out = Files.createTempFile(workDir, "tool-", ".out");
        Path err = Files.createTempFile(workDir, "tool-", ".err");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // Keep the tools' own state (podman's config, skopeo's policy cache) inside the test's directory.
        builder.environment().put("HOME", workDir.toString());
        builder.environment().put("XDG_RUNTIME_DIR", workDir.toString());
        builder.environment().put("XDG_CONFIG_HOME", workDir.resolve(".config").toString());
        builder.environment().put("XDG_DATA_HOME", workDir.resolve(".local").toString());
        builder.environment().put("TMPDIR", workDir.toString());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 120 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    public record Result(int exitCode, String stdout, String stderr) {}

    private static void requireInstalled(String binary) {
        List<String> path = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")));
        for (String dir : path) {
            if (Files.isExecutable(Path.of(dir, binary))) return;
        }
        fail(binary + " is not installed: the interop tests need it. Install it with: sudo apt-get install " + binary);
    }
}
