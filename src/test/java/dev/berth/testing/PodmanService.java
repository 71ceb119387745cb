package dev.berth.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker-compatible engine for tests: {@code podman system service} on a socket in a test
 * directory, with its storage ({@code vfs}), run state, temporary files, network configs, event
 * log, registries.conf and XDG directories all inside that directory, so the machine's
 * {@code /var/lib/containers/storage} and the real home are left alone. What podman 4.3 still
 * touches as root: its blob-info cache, {@code /var/lib/containers/cache/blob-info-cache-v1.boltdb}
 * (no option moves it), and short-lived files in {@code /var/tmp} during a load or save. {@link #podman} runs the podman
 * command line against the same storage, e.g. to {@code load} an archive behind the service's back.
 */
public final class PodmanService implements AutoCloseable {

    private static final long START_MILLIS = 30_000;

    private final Path dir;
    private final Path socket;
    private final Process process;

    private PodmanService(Path dir, Process process) {
        this.dir = dir;
        this.socket = dir.resolve("podman.sock");
        this.process = process;
    }

    /**
     * Starts the service in {@code dir} (a fresh temporary directory) and waits for its socket.
     * {@code insecureRegistries}: host:port the engine may reach over plain HTTP (for a podman pull
     * used to check a push; Berth itself never asks the engine to pull).
     */
    public static PodmanService start(Path dir, String... insecureRegistries) {
        requirePodman();
        try {
            Files.createDirectories(dir);
            StringBuilder conf = new StringBuilder("unqualified-search-registries = []\n");
            for (String registry : insecureRegistries) conf.append("[[registry]]\nlocation = \"").append(registry).append("\"\ninsecure = true\n");
            Files.writeString(dir.resolve("registries.conf"), conf.toString(), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(globalOptions(dir));
            command.addAll(List.of("system", "service", "--time=0", "unix://" + dir.resolve("podman.sock")));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
            isolate(builder.environment(), dir);
            PodmanService service = new PodmanService(dir, builder.start());
            service.awaitSocket();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket, as DOCKER_HOST would name it. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    public Path socket() {
        return socket;
    }

    public Path dir() {
        return dir;
    }

    /** Runs the podman command line on the service's storage; fails the test unless it exits 0; returns stdout. */
    public String podman(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(globalOptions(dir));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "podman-", ".out");
        Path err = Files.createTempFile(dir, "podman-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        isolate(builder.environment(), dir);
        Process run = builder.start();
        if (!run.waitFor(120, TimeUnit.SECONDS)) {
            run.destroyForcibly();
            fail("podman " + String.join(" ", args) + " did not finish within 120 s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(out);
        Files.delete(err);
        if (run.exitValue() != 0) fail("podman " + String.join(" ", args) + " failed (" + run.exitValue() + "):\n" + stderr);
        return stdout;
    }

    /** Stops the service: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitSocket() throws IOException {
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(socket)) return;
            if (!process.isAlive()) break;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("podman system service did not open " + socket + ":\n"
                + Files.readString(dir.resolve("service.log"), StandardCharsets.UTF_8));
    }

    /** Every place podman keeps state, inside {@code dir}. */
    private static List<String> globalOptions(Path dir) {
        return List.of("podman", "--root", dir.resolve("storage").toString(), "--runroot", dir.resolve("run").toString(),
                "--tmpdir", dir.resolve("libpod").toString(), "--network-config-dir", dir.resolve("networks").toString(),
                "--storage-driver", "vfs", "--events-backend", "file", "--cgroup-manager", "cgroupfs");
    }

    private static void isolate(Map<String, String> environment, Path dir) {
        environment.remove("DOCKER_HOST");
        environment.put("HOME", dir.resolve("home").toString());
        environment.put("XDG_CONFIG_HOME", dir.resolve("home/.config").toString());
        environment.put("XDG_DATA_HOME", dir.resolve("home/.local/share").toString());
        environment.put("XDG_RUNTIME_DIR", dir.resolve("xdg-run").toString());
        environment.put("TMPDIR", dir.toString());
        environment.put("CONTAINERS_REGISTRIES_CONF", dir.resolve("registries.conf").toString());
        // Our own storage.conf and containers.conf: the machine's /etc/containers settings do not count.
        environment.put("CONTAINERS_STORAGE_CONF", dir.resolve("storage.conf").toString());
        environment.put("CONTAINERS_CONF", dir.resolve("containers.conf").toString());
        environment.put("REGISTRY_AUTH_FILE", dir.resolve("auth.json").toString());
        try {
            for (String sub : List.of("home/.config", "home/.local/share", "xdg-run")) Files.createDirectories(dir.resolve(sub));
            if (!Files.exists(dir.resolve("storage.conf"))) {
                Files.writeString(dir.resolve("storage.conf"), "[storage]\ndriver = \"vfs\"\nrunroot = \"" + dir.resolve("run")
                        + "\"\ngraphroot = \"" + dir.resolve("storage") + "\"\n");
            }
            // Big temporary files of an image copy (a load, a save) go here rather than /var/tmp.
            Files.createDirectories(dir.resolve("tmp"));
            if (!Files.exists(dir.resolve("containers.conf"))) {
                Files.writeString(dir.resolve("containers.conf"), "[engine]\nimage_copy_tmp_dir = \"" + dir.resolve("tmp") + "\"\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requirePodman() {
        for (String path : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(path, "podman"))) return;
        }
        fail("podman is not installed: the local-engine tests run a real podman API service. Install podman (Debian package podman).");
    }
}
