package dev.berth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.tls.HandshakeCertificates;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** A real CNCF Distribution 2.8.2 registry ({@code docker-registry serve}) on 127.0.0.1 for integration tests. */
public final class RegistryServer implements AutoCloseable {

    public static final String BIN_ENV = "BERTH_REGISTRY_BIN";
    private static final String DEFAULT_BIN = "/usr/bin/docker-registry";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final int PORT_ATTEMPTS = 5;

    // Backstop for tests that forget close() or die mid-way: no registry may outlive the test JVM.
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "registry-server-reaper"));
    }

    private final Path binary;
    private final Path dir;
    private final Path storage;
    private final Path config;
    private final Path log;
    private final boolean deletesEnabled;
    private final Map<String, String> htpasswd;
    private final TestPki tlsPki;
    private final TokenIssuer tokenIssuer;
    private final Map<String, String> env;
    private final OkHttpClient client;
    private int port;
    private Process process;

    private RegistryServer(Builder b) throws IOException {
        this.binary = resolveBinary(b.binary);
        Files.createDirectories(b.workDir);
        // A private subdirectory, so several registries may share one @TempDir.
        this.dir = Files.createTempDirectory(b.workDir.toAbsolutePath(), "registry-");
        this.storage = dir.resolve("storage");
        this.config = dir.resolve("config.yml");
        this.log = dir.resolve("registry.log");
        this.deletesEnabled = b.deletesEnabled;
        this.htpasswd = Map.copyOf(b.htpasswd);
        this.tlsPki = b.tls;
        this.tokenIssuer = b.tokenIssuer;
        this.env = Map.copyOf(b.env);
        Files.createDirectories(storage);
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .followRedirects(false);
        if (tlsPki != null) {
            HandshakeCertificates trust = new HandshakeCertificates.Builder()
                    .addTrustedCertificate(tlsPki.root().certificate()).build();
            http.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
        }
        this.client = http.build();
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** Configures and starts a {@link RegistryServer}. */
    public static final class Builder {
        private final Path workDir;
        private boolean deletesEnabled = true;
        private final Map<String, String> htpasswd = new LinkedHashMap<>();
        private TestPki tls;
        private TokenIssuer tokenIssuer;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path binary;

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        public Builder deletesEnabled(boolean enabled) {
            this.deletesEnabled = enabled;
            return this;
        }

        /** Basic auth through an htpasswd file (bcrypt); may be called for several users. */
        public Builder htpasswd(String user, String password) {
            htpasswd.put(user, password);
            return this;
        }

        /** HTTPS with a server certificate for 127.0.0.1/localhost issued by {@code pki}. */
        public Builder tls(TestPki pki) {
            this.tls = pki;
            return this;
        }

        /** Bearer token auth against {@code issuer} (its realm, service, issuer and root bundle). */
        public Builder tokenAuth(TokenIssuer issuer) {
            this.tokenIssuer = issuer;
            return this;
        }

        /** An extra environment variable, e.g. {@code REGISTRY_STORAGE_MAINTENANCE_READONLY_ENABLED}. */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Overrides the binary (normally {@code $BERTH_REGISTRY_BIN} or /usr/bin/docker-registry). */
        Builder binary(Path binary) {
            this.binary = binary;
            return this;
        }

        public RegistryServer start() {
            if (!htpasswd.isEmpty() && tokenIssuer != null) {
                throw new IllegalStateException("htpasswd and token auth are exclusive in Distribution");
            }
            try {
                RegistryServer server = new RegistryServer(this);
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Starts the registry: the first time on a fresh free port, after {@link #stop()} on the same port and
     * storage (e.g. after {@link #garbageCollect}). Blocks until {@code GET /v2/} answers.
     */
    public synchronized void start() {
        if (isRunning()) throw new IllegalStateException("registry already running on " + hostPort());
        try {
            writeFiles();
            boolean restart = port != 0;
            for (int attempt = 1; ; attempt++) {
                if (!restart) port = freePort();
                writeConfig();
                Files.writeString(log, "---- start on port " + port + " (attempt " + attempt + ")\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                long logOffset = Files.size(log);
                process = launch(List.of("serve", config.toString()), ProcessBuilder.Redirect.appendTo(log.toFile()));
                LIVE.add(process);
                String failure = awaitReady();
                if (failure == null) return;
                destroy(process);
                byte[] all = Files.readAllBytes(log);
                String ownLog = new String(all, (int) Math.min(logOffset, all.length),
                        all.length - (int) Math.min(logOffset, all.length), StandardCharsets.UTF_8);
                // The free port may be taken between our check and the registry's bind: try another one.
                if (ownLog.contains("address already in use") && attempt < PORT_ATTEMPTS) {
                    if (restart) sleep(500); // same port required: give the holder a moment
                    continue;
                }
                throw new IllegalStateException("registry did not start: " + failure + "\n--- log tail (" + log + "):\n"
                        + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the registry: SIGTERM, then SIGKILL after 5 s; waits for the exit. Idempotent. */
    public synchronized void stop() {
        if (process != null) {
            destroy(process);
            process = null;
        }
    }

    /**
     * Kills the registry at once (SIGKILL: no graceful shutdown, requests in flight are cut) and waits
     * for the exit; {@link #start()} brings it back on the same port and storage. Idempotent.
     */
    public synchronized void kill() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("registry survived SIGKILL: " + this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            LIVE.remove(process);
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** "127.0.0.1:PORT", as the registry is addressed in image references. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** http(s)://127.0.0.1:PORT (no trailing slash). */
    public String baseUrl() {
        return (tlsPki != null ? "https://" : "http://") + hostPort();
    }

    public boolean isTls() {
        return tlsPki != null;
    }

    /** A plain OkHttp client for this registry: trusts the pki root when TLS is on, follows no redirects. */
    public OkHttpClient client() {
        return client;
    }

    public Path storageRoot() {
        return storage;
    }

    public Path configFile() {
        return config;
    }

    public Path logFile() {
        return log;
    }

    /** Sum of file sizes under the storage root: what garbage collection should reduce. */
    public long storageBytes() {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // vanished while walking
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code docker-registry garbage-collect [--dry-run] [--delete-untagged] CONFIG} and returns its output
     * (stdout and stderr). The registry must be stopped: Distribution's GC is offline-only.
     */
    public synchronized String garbageCollect(boolean deleteUntagged, boolean dryRun) {
        if (isRunning()) throw new IllegalStateException("stop() the registry before garbage-collect");
        List<String> args = new ArrayList<>(List.of("garbage-collect"));
        if (dryRun) args.add("--dry-run");
        if (deleteUntagged) args.add("--delete-untagged");
        args.add(config.toString());
        try {
            Path out = Files.createTempFile(dir, "gc-", ".log");
            Process gc = launch(args, ProcessBuilder.Redirect.to(out.toFile()));
            LIVE.add(gc);
            try {
                if (!gc.waitFor(60, TimeUnit.SECONDS)) {
                    destroy(gc);
                    throw new IllegalStateException("garbage-collect timed out:\n" + Files.readString(out));
                }
            } finally {
                LIVE.remove(gc);
            }
            String output = Files.readString(out);
            if (gc.exitValue() != 0) {
                throw new IllegalStateException("garbage-collect exited " + gc.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last ~80 lines of the registry log, for assertion messages. */
    public String logTail() {
        try {
            if (!Files.exists(log)) return "(no log yet)";
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "RegistryServer[" + baseUrl() + ", " + dir + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The registry binary ($BERTH_REGISTRY_BIN or docker-registry); fails saying what to install. */
    public static Path registryBinary() {
        return resolveBinary(null);
    }

    private static Path resolveBinary(Path override) {
        String configured = System.getenv(BIN_ENV);
        Path bin = override != null ? override
                : Path.of(configured != null && !configured.isBlank() ? configured : DEFAULT_BIN);
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("Distribution registry binary not found or not executable: " + bin
                    + " — install the Debian package docker-registry or set " + BIN_ENV);
        }
        return bin;
    }

    private Process launch(List<String> args, ProcessBuilder.Redirect output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // Distribution lets REGISTRY_* variables override any config key: inherited ones would silently change
        // the registry under test, so only ours are passed.
        pb.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private String awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Request ping = new Request.Builder().url(baseUrl() + "/v2/").build();
        OkHttpClient quick = client.newBuilder().connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) return "process exited with " + process.exitValue();
            try {
                quick.newCall(ping).execute().close();
                return null; // any status (200, 401) means it serves
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        return "no answer on " + baseUrl() + "/v2/ within " + READY_TIMEOUT.toSeconds() + " s";
    }

    private static void destroy(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(p);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Auth and TLS material; written once (a restart keeps the same certificate and passwords). */
    private void writeFiles() throws IOException {
        if (!htpasswd.isEmpty() && !Files.exists(dir.resolve("htpasswd"))) {
            StringBuilder lines = new StringBuilder();
            SecureRandom random = new SecureRandom();
            htpasswd.forEach((user, password) -> {
                byte[] salt = new byte[16];
                random.nextBytes(salt);
                // $2y$ is what `htpasswd -B` writes; Go's bcrypt accepts it. Cost 5 keeps per-request checks fast
                // (Distribution verifies the hash on every request).
                lines.append(user).append(':').append(OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5))
                        .append('\n');
            });
            Files.writeString(dir.resolve("htpasswd"), lines);
        }
        if (tlsPki != null && !Files.exists(dir.resolve("tls.crt"))) {
            tlsPki.serverCertificate().writePem(dir, "tls");
        }
        if (tokenIssuer != null && !Files.exists(dir.resolve("token-bundle.crt"))) {
            tokenIssuer.writeRootCertBundle(dir.resolve("token-bundle.crt"));
        }
    }

    // Written by hand (never Debian's /etc/docker/registry/config.yml, whose htpasswd path is a directory: T16).
    // Strings are JSON-quoted, which YAML accepts.
    private void writeConfig() throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("version: 0.1\n");
        y.append("log:\n  level: info\n  formatter: text\n  accesslog:\n    disabled: false\n");
        y.append("storage:\n");
        y.append("  filesystem:\n    rootdirectory: ").append(q(storage.toString())).append('\n');
        y.append("  delete:\n    enabled: ").append(deletesEnabled).append('\n');
        // No background upload purging while a test runs.
        y.append("  maintenance:\n    uploadpurging:\n      enabled: false\n");
        y.append("http:\n  addr: ").append(q(hostPort())).append('\n');
        y.append("  secret: \"berth-fixed-test-secret\"\n");
        if (tlsPki != null) {
            y.append("  tls:\n    certificate: ").append(q(dir.resolve("tls.crt").toString())).append('\n');
            y.append("    key: ").append(q(dir.resolve("tls.key").toString())).append('\n');
        }
        if (!htpasswd.isEmpty()) {
            y.append("auth:\n  htpasswd:\n    realm: \"test-realm\"\n    path: ").append(q(dir.resolve("htpasswd").toString()))
                    .append('\n');
        } else if (tokenIssuer != null) {
            y.append("auth:\n  token:\n");
            y.append("    realm: ").append(q(tokenIssuer.realm())).append('\n');
            y.append("    service: ").append(q(tokenIssuer.service())).append('\n');
            y.append("    issuer: ").append(q(tokenIssuer.issuer())).append('\n');
            y.append("    rootcertbundle: ").append(q(dir.resolve("token-bundle.crt").toString())).append('\n');
        }
        Files.writeString(config, y);
    }

    private static String q(String s) {
        return new String(TestImages.json(s), StandardCharsets.UTF_8);
    }
}
