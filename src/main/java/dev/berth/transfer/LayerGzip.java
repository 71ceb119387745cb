package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.store.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Gzips an uncompressed layer (a docker-archive's) into a scratch file, learning the compressed
 * digest and size that the new manifest needs before the upload can begin. A file, not memory, so
 * a layer of any size costs the same heap.
 */
final class LayerGzip {

    private static final MediaType OCI_LAYER_TAR = MediaType.of("application/vnd.oci.image.layer.v1.tar");
    private static final MediaType DOCKER_LAYER_TAR = MediaType.of("application/vnd.docker.image.rootfs.diff.tar");

    private LayerGzip() {}

    /** True for the media types of an uncompressed layer tar. */
    static boolean isUncompressedLayer(MediaType type) {
        return type.equals(OCI_LAYER_TAR) || type.equals(DOCKER_LAYER_TAR);
    }

    /** The compressed layer: its descriptor (gzip media type of the same family) and where it was written. */
    record Compressed(Descriptor descriptor, Path file) {}

    static Compressed compress(Descriptor layer, InputStream uncompressed, Path scratch) throws IOException {
        Path file = Files.createTempFile(scratch, "layer-", ".gz");
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        try (InputStream in = uncompressed;
                OutputStream out = Compression.GZIP.compress(new DigestOutputStream(Files.newOutputStream(file), sha256))) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        Digest digest = new Digest("sha256", HexFormat.of().formatHex(sha256.digest()));
        Descriptor compressed = new Descriptor(Compression.GZIP.layerType(layer.mediaType()), digest, Files.size(file),
                layer.platform(), layer.annotations(), layer.urls(), layer.artifactType());
        return new Compressed(compressed, file);
    }
}
