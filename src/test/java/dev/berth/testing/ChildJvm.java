package dev.berth.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a child JVM with an environment of the test's choosing
 * (nothing inherited but {@code PATH}), optionally under a file-size limit ({@code ulimit -f}): what
 * the process sees as {@code HOME}, {@code XDG_*} or a full disk cannot be faked inside this JVM.
 */
public final class ChildJvm {

    public record Result(int code, String out, String err) {}

    private final Map<String, String> environment = new LinkedHashMap<>();
    private Optional<Integer> fileSizeLimitKib = Optional.empty();

    private ChildJvm() {
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /**
     * A child whose home and every per-user directory Berth could touch are under {@code home}, so it
     * never writes into the real home.
     */
    public static ChildJvm isolatedIn(Path home) {
        return new ChildJvm().env("HOME", home.toString());
    }

    public ChildJvm env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Files the child writes may not exceed this many KiB (bash's {@code ulimit -f} unit): a full disk, as the child sees it. */
    public ChildJvm fileSizeLimit(int kib) {
        fileSizeLimitKib = Optional.of(kib);
        return this;
    }

    public Result run(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) throw new IllegalStateException("no java launcher at " + java);
        List<String> command = new ArrayList<>();
        if (fileSizeLimitKib.isPresent()) {
            Path bash = Path.of("/bin/bash");
            if (!Files.isExecutable(bash)) throw new IllegalStateException("the file-size limit needs bash at /bin/bash; install bash");
            // HotSpot ignores SIGXFSZ, so a write past the limit fails with EFBIG instead of killing the JVM.
            command.addAll(List.of(bash.toString(), "-c", "ulimit -f " + fileSizeLimitKib.get() + " && exec \"$0\" \"$@\""));
        }
        command.add(java.toString());
        // The JVM's own perf-data file would hit the file-size limit too; the test is about Berth's files.
        if (fileSizeLimitKib.isPresent()) command.add("-XX:-UsePerfData");
        command.addAll(List.of("-Xshare:auto", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass.getSimpleName() + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
