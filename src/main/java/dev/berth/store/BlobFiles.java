package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing content-addressed files: to a temporary name, verified while streaming, then renamed. */
final class BlobFiles {

    static final int BUFFER = 64 * 1024;
    static final String PARTIAL_PREFIX = ".berth-";

    private BlobFiles() {}

    /** {@code blobs/<alg>/<hex>} under {@code root}. */
    static Path blobPath(Path root, Digest digest) {
        return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }

    /**
     * Streams {@code content} into {@code target}, verified as it goes (hashed here, unless it
     * verifies itself); only verified content is renamed to {@code target}, a mismatch deletes the
     * temporary file and fails.
     */
    static void writeVerified(ImageDestination.BlobContent content, Descriptor expected, Path target, String where) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), PARTIAL_PREFIX, ".partial");
        try {
            // Buffered: a download arrives in OkHttp's 8 KiB segments, and a write call for each is 8 times the system calls.
            try (InputStream in = verified(content, expected, where);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), BUFFER)) {
                copy(in, out);
            }
            moveAtomically(partial, target);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * {@code content} opened so that a mismatch fails at its end: as it is when it verifies itself
     * (a source's blob: hashing it again would double the CPU a pull spends), else hashed here.
     */
    static InputStream verified(ImageDestination.BlobContent content, Descriptor expected, String where) throws IOException {
        InputStream in = content.open();
        return content.verifiesItself() ? in : new VerifyingInputStream(in, expected, where);
    }

    /** Copies to the end with a buffer of {@link #BUFFER} bytes (transferTo's 16 KiB means four times the calls). */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) >= 0) out.write(buffer, 0, n);
    }

    /** Writes small content (index.json, a manifest) to a temporary name beside {@code target}, then renames it. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), PARTIAL_PREFIX, ".partial");
        try {
            Files.write(partial, content);
            moveAtomically(partial, target);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The sha256 of everything {@code in} holds, read to its end. */
    static Digest sha256(InputStream in) throws IOException {
        HashingInputStream hashing = new HashingInputStream(in);
        hashing.transferTo(OutputStream.nullOutputStream());
        return hashing.digest();
    }

    /** Deletes a directory tree (a temporary layout that was not committed). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
