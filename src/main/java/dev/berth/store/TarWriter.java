package dev.berth.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an archive to a temporary file beside its target and renames it into place when
 * complete, so a cancelled or failed write leaves no partial archive. Entries stream from files.
 */
final class TarWriter implements AutoCloseable {

    /** A fixed time, so that the same image gives the same archive. */
    private static final FileTime MODIFIED = FileTime.from(Instant.EPOCH);

    private final Path target;
    private final Path partial;
    private final TarArchiveOutputStream tar;
    private boolean finished;

    TarWriter(Path target) throws IOException {
        this.target = target;
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.partial = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + BlobFiles.PARTIAL_PREFIX, ".partial");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), BlobFiles.BUFFER);
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    void addDirectory(String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setModTime(MODIFIED);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    void addBytes(String name, byte[] content) throws IOException {
        TarArchiveEntry entry = fileEntry(name, content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    void addFile(String name, Path file) throws IOException {
        tar.putArchiveEntry(fileEntry(name, Files.size(file)));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(tar);
        }
        tar.closeArchiveEntry();
    }

    /** Completes the archive and renames it to the target. */
    void finish() throws IOException {
        tar.finish();
        tar.close();
        BlobFiles.moveAtomically(partial, target);
        finished = true;
    }

    /** Without {@link #finish()}, deletes the partial archive. */
    @Override
    public void close() throws IOException {
        if (finished) return;
        try {
            tar.close();
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static TarArchiveEntry fileEntry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(0644);
        entry.setModTime(MODIFIED);
        return entry;
    }
}
