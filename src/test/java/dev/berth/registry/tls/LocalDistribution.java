package dev.berth.registry.tls;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Distribution registry ({@code docker-registry}, Debian's name for {@code registry:2}) on
 * 127.0.0.1, optionally with TLS and client-certificate verification, for as long as a test needs it.
 */
final class LocalDistribution implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private LocalDistribution(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The registry binary on PATH, if installed. */
    /** Fails (never skips) with what to install when the binary is missing. */
    static Path binary() {
        return dev.berth.testing.RegistryServer.registryBinary();
    }

    /**
     * Starts a registry in {@code dir}. {@code tls} is the server's certificate and key PEM files,
     * {@code clientCas} the CA files it requires client certificates from (empty: no client auth).
     */
    static LocalDistribution start(Path dir, Optional<List<Path>> tls, List<Path> clientCas) throws IOException {
        int port = freePort();
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log: {level: error}\n")
                .append("storage: {filesystem: {rootdirectory: ").append(dir.resolve("data")).append("}}\n")
                .append("http:\n")
                .append("  addr: 127.0.0.1:").append(port).append('\n')
                .append("  secret: berth-test-secret\n");
        if (tls.isPresent()) {
            config.append("  tls:\n")
                    .append("    certificate: ").append(tls.get().get(0)).append('\n')
                    .append("    key: ").append(tls.get().get(1)).append('\n');
            if (!clientCas.isEmpty()) {
                config.append("    clientcas:\n");
                clientCas.forEach(ca -> config.append("      - ").append(ca).append('\n'));
            }
        }
        Path file = Files.writeString(dir.resolve("config.yml"), config);
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(binary().toString(), "serve", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LocalDistribution registry = new LocalDistribution(process, port, log);
        registry.awaitListening(Duration.ofSeconds(15));
        return registry;
    }

    int port() {
        return port;
    }

    private void awaitListening(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) break;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(TlsFixtures.LOOPBACK, port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        close();
        throw new IOException("the registry did not start listening on 127.0.0.1:" + port + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        // The registry cannot report a port it chose, so pick one; the gap until it binds is tiny.
        try (ServerSocket socket = new ServerSocket(0, 1, TlsFixtures.LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
