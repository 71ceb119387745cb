package dev.berth.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion between Berth instances (the app and the CLI, or two of either) around a
 * read-modify-write of a shared file: an OS file lock on a separate lock file, so the data file itself
 * can still be replaced by an atomic rename. An OS lock is held per process, not per thread, so
 * threads of one JVM queue on an in-process lock for the same path first. The OS drops the lock when
 * a process dies, so a crash never leaves it stuck.
 */
public final class FileMutex implements AutoCloseable {

    /** Long enough for any honest write; a holder slower than this is stuck, and the person is told. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private FileMutex(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@link #DEFAULT_WAIT} for {@code lockFile} (created owner-only; its directory must exist). */
    public static FileMutex acquire(Path lockFile) throws IOException {
        return acquire(lockFile, DEFAULT_WAIT);
    }

    public static FileMutex acquire(Path lockFile, Duration wait) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!local.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) throw busy(key, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + key);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly(key));
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldInThisJvm) {
                    lock = null; // another path spelling of the same file; wait as for another process
                }
                if (lock != null) return new FileMutex(local, channel, lock);
                if (System.nanoTime() > deadline) throw busy(key, wait);
                Thread.sleep(20);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (channel != null) channel.close();
            local.unlock();
            switch (e) {
                case InterruptedException interrupted -> {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for " + key);
                }
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                default -> throw new IllegalStateException(e);
            }
        }
    }

    private static IOException busy(Path key, Duration wait) {
        return new IOException("Another Berth (the app or the berth command) has been changing the files next to " + key
                + " for more than " + wait.toSeconds() + " seconds. Nothing was changed; try again when it has finished.");
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
