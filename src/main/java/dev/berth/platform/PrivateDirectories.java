package dev.berth.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates Berth's per-user directories readable by their owner only, where the file system can say so. */
public final class PrivateDirectories {

    private PrivateDirectories() {}

    /** Creates {@code directory} (owner-only) and any missing parents; nothing happens when it exists. */
    public static void create(Path directory) throws IOException {
        if (Files.isDirectory(directory)) return;
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path parent = directory.getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }
}
