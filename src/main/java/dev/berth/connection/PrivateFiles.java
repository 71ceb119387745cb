package dev.berth.connection;

import dev.berth.platform.WriteFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files only their owner may read (0600 in a 0700 directory), atomically: a reader, or a crash,
 * sees the old content or the new, never half of each.
 *
 * <p>On file systems without POSIX permissions (Windows) the per-user profile directory is what keeps
 * others out; no ACLs are changed.
 */
final class PrivateFiles {

    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Replaces {@code target} with {@code content} through a temporary file in the same directory and an atomic rename. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createDirectories(dir);
        Path temp;
        try {
            temp = createFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw WriteFailure.of(target, e);
        }
        try {
            write(temp, content);
            // The same directory, so the rename cannot cross file systems; ATOMIC_MOVE replaces the
            // target on POSIX and on Windows (MoveFileEx with MOVEFILE_REPLACE_EXISTING).
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw WriteFailure.of(target, e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Writes {@code content} to a new file {@code target}, owner-only; fails if it exists. */
    static void writeNew(Path target, byte[] content) throws IOException {
        createDirectories(target.toAbsolutePath().getParent());
        Files.createFile(target, ownerOnly(target, OWNER_FILE));
        restrict(target, OWNER_FILE);
        write(target, content);
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            // On disk before the rename makes it visible: otherwise a crash can leave an empty file in its place.
            channel.force(true);
        }
    }

    private static Path createFile(Path dir, String prefix, String suffix) throws IOException {
        Path temp = Files.createTempFile(dir, prefix, suffix, ownerOnly(dir, OWNER_FILE));
        // Set again explicitly: the creation mode is filtered by the umask, which could leave it unwritable.
        restrict(temp, OWNER_FILE);
        return temp;
    }

    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Files.createDirectories(dir, ownerOnly(dir, OWNER_DIRECTORY));
    }

    private static void restrict(Path file, Set<PosixFilePermission> permissions) throws IOException {
        if (isPosix(file)) Files.setPosixFilePermissions(file, permissions);
    }

    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        return isPosix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
