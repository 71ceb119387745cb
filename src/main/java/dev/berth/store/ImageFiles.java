package dev.berth.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a file or folder on this machine holds, told from its content rather than its name: a file
 * dropped on the window or named on the command line may be called anything.
 */
public final class ImageFiles {

    /** What {@link #examine} found. */
    public enum Kind {
        /** A folder with an {@code oci-layout} file: one OCI image layout. */
        OCI_LAYOUT,
        /** A folder holding OCI image layouts in its sub-folders (one per repository). */
        FOLDER_OF_LAYOUTS,
        /** A tar with an OCI image layout inside ({@code oci-archive:}). */
        OCI_ARCHIVE,
        /** The tar of {@code docker save} / {@code podman save} (classic, or the OCI layout of Docker 25+). */
        DOCKER_ARCHIVE,
        /** A gzip- or zstd-compressed file: archives are read in place, so uncompressed only. */
        COMPRESSED,
        /** A tar that holds no image. */
        OTHER_TAR,
        /** A folder without a layout, or a file that is not a tar. */
        NOT_AN_IMAGE,
        /** Nothing there. */
        MISSING
    }

    private static final int TAR_MAGIC_OFFSET = 257;

    private ImageFiles() {}

    /** Reads a few bytes and the tar's entry headers (blocking); never throws for what it cannot read. */
    public static Kind examine(Path path) {
        if (Files.isDirectory(path)) {
            if (FolderLayouts.isLayout(path)) return Kind.OCI_LAYOUT;
            try {
                return new FolderLayouts(path).repositories().isEmpty() ? Kind.NOT_AN_IMAGE : Kind.FOLDER_OF_LAYOUTS;
            } catch (IOException | RuntimeException unreadable) {
                return Kind.NOT_AN_IMAGE;
            }
        }
        if (!Files.isRegularFile(path)) return Files.exists(path) ? Kind.NOT_AN_IMAGE : Kind.MISSING;
        byte[] head = head(path);
        if (Compression.detect(head) != Compression.NONE) return Kind.COMPRESSED;
        if (!isTar(head)) return Kind.NOT_AN_IMAGE;
        try (TarFiles files = TarFiles.open(path)) {
            // manifest.json first: Docker 25+ writes it next to an OCI layout, and DockerArchive reads both.
            if (files.has(DockerArchive.MANIFEST_JSON)) return Kind.DOCKER_ARCHIVE;
            if (files.has(OciLayoutReader.OCI_LAYOUT) && files.has(OciLayoutReader.INDEX_JSON)) return Kind.OCI_ARCHIVE;
            return Kind.OTHER_TAR;
        } catch (IOException | RuntimeException unreadable) {
            return Kind.NOT_AN_IMAGE;
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(TAR_MAGIC_OFFSET + 8);
        } catch (IOException unreadable) {
            return new byte[0];
        }
    }

    /** POSIX ("ustar\0") and GNU ("ustar ") tars both carry "ustar" in their first header. */
    private static boolean isTar(byte[] head) {
        return head.length >= TAR_MAGIC_OFFSET + 5
                && new String(head, TAR_MAGIC_OFFSET, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
    }
}
