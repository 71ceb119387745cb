package dev.berth.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throw-away {@code pass} password store for testing {@code docker-credential-pass}:
 * its own GNUPGHOME with a passphrase-less key and its own PASSWORD_STORE_DIR, so the tests never
 * see or touch the user's keys and passwords. Give {@link #environment()} to the helper.
 *
 * <p>Missing tools fail the test rather than skip it: a skipped credential test looks green while
 * testing nothing.
 */
public final class PassCredentialStore implements AutoCloseable {

    public static final String KEY_ID = "berth-test@example.invalid";

    private static final String INSTALL =
            "install the Debian packages gnupg, pass and golang-docker-credential-helpers"
                    + " (apt-get install gnupg pass golang-docker-credential-helpers)";

    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path gnupgHome;
    private final Path storeDir;
    private boolean closed;

    private PassCredentialStore(Path gnupgHome, Path storeDir) {
        this.gnupgHome = gnupgHome;
        this.storeDir = storeDir;
    }

    /** Generates the key and initialises the store; fails the calling test if tools are missing. */
    public static PassCredentialStore create() {
        List<String> missing = Stream.of("gpg", "gpgconf", "pass", "docker-credential-pass")
                .filter(tool -> onPath(tool).isEmpty())
                .toList();
        if (!missing.isEmpty()) fail("Not on PATH: " + String.join(", ", missing) + ". To run this test, " + INSTALL);
        try {
            // Short paths: gpg-agent's socket lives in GNUPGHOME and Unix socket paths max out near 108 bytes.
            Path base = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
            Path gnupg = Files.createTempDirectory(base, "bg");
            Path store = Files.createTempDirectory(base, "bp");
            PassCredentialStore created = new PassCredentialStore(gnupg, store);
            try {
                created.run("gpg", "--batch", "--passphrase", "", "--quick-gen-key", KEY_ID, "default", "default", "never");
                created.run("pass", "init", KEY_ID);
                return created;
            } catch (RuntimeException | AssertionError e) {
                created.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GNUPGHOME and PASSWORD_STORE_DIR, to add to the helper's environment. */
    public Map<String, String> environment() {
        return Map.of("GNUPGHOME", gnupgHome.toString(), "PASSWORD_STORE_DIR", storeDir.toString());
    }

    public Path gnupgHome() {
        return gnupgHome;
    }

    public Path storeDir() {
        return storeDir;
    }

    /** Stops this store's gpg-agent (it outlives every gpg call) and deletes both directories. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            run("gpgconf", "--kill", "gpg-agent");
        } finally {
            deleteTree(gnupgHome);
            deleteTree(storeDir);
        }
    }

    private void run(String... command) {
        Path log = null;
        try {
            log = Files.createTempFile("berth-pass", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment());
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited " + process.exitValue() + ": " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command[0], e);
        } finally {
            if (log != null) deleteTree(log);
        }
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** Deletes a tree, tolerating files (the agent's sockets) that vanish while we walk. */
    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) throw e;
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
