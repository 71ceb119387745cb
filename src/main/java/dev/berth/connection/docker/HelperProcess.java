package dev.berth.connection.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one credential-helper invocation with a deadline. Helpers can hang for ever (gpg waiting
 * on a pinentry nobody sees, a locked keyring), so every wait is bounded and a late helper is
 * killed together with its children.
 */
final class HelperProcess {

    /** stdout is at most a small JSON document; a helper printing more is misbehaving. */
    static final int MAX_STDOUT = 1024 * 1024;

    static final int MAX_STDERR = 16 * 1024;

    /** After the helper exits, how long a grandchild still holding its pipes may delay us. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    record Result(int exitCode, String stdout, String stderr) {}

    private HelperProcess() {}

    /**
     * @throws IOException          the program could not be started
     * @throws TimeoutException     it did not finish in time (it has been killed)
     * @throws InterruptedException the calling thread was interrupted (the helper has been killed)
     */
    static Result run(Path executable, String action, Map<String, String> extraEnv, byte[] stdin, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(executable.toString(), action));
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();

        // Separate threads for every pipe: a helper that neither reads stdin nor exits, or that
        // fills stderr before reading stdin, must not block us past the deadline.
        Thread writer = daemon("helper-stdin", () -> write(process.getOutputStream(), stdin));
        Capture out = new Capture(process.getInputStream(), MAX_STDOUT);
        Capture err = new Capture(process.getErrorStream(), MAX_STDERR);
        Thread outReader = daemon("helper-stdout", out);
        Thread errReader = daemon("helper-stderr", err);
        try {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                kill(process);
                throw new TimeoutException();
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        long drainUntil = Math.max(deadline, System.nanoTime() + DRAIN_GRACE.toNanos());
        join(outReader, drainUntil);
        join(errReader, drainUntil);
        writer.interrupt();
        return new Result(process.exitValue(), out.text(), err.text());
    }

    private static void write(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            stdin.write(bytes);
        } catch (IOException e) {
            // The helper exited or closed stdin without reading it all; its exit code tells the story.
        }
    }

    /** Children first: once the helper is dead its children are re-parented and out of reach. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void join(Thread thread, long untilNanos) throws InterruptedException {
        long left = untilNanos - System.nanoTime();
        if (left > 0) thread.join(Duration.ofNanos(left));
    }

    private static Thread daemon(String name, Runnable task) {
        return Thread.ofPlatform().name(name).daemon().start(task);
    }

    /** Reads a stream to its end, keeping at most {@code limit} bytes. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Capture(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (kept) {
                        // Keep draining past the limit so the helper never blocks on a full pipe.
                        kept.write(buffer, 0, Math.min(n, Math.max(0, limit - kept.size())));
                    }
                }
            } catch (IOException e) {
                // Pipe closed under us (helper killed): what was read so far is all there is.
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
