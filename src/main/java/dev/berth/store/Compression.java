package dev.berth.store;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.berth.domain.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compressions of layer blobs: telling them from a media type or the first bytes, and
 * streaming in and out of them. One place, so that "decompress for a docker-archive" and
 * "compress when pushing" agree on what a layer is.
 */
public enum Compression {
    NONE, GZIP, ZSTD;

    private static final int BUFFER = 64 * 1024;

    /** {@code ...tar+gzip}, {@code ...tar.gzip}: gzip; {@code ...+zstd}: zstd; anything else is taken as it is. */
    public static Compression ofMediaType(MediaType type) {
        String value = type.value();
        if (value.endsWith("+gzip") || value.endsWith(".gzip")) return GZIP;
        if (value.endsWith("+zstd") || value.endsWith(".zstd")) return ZSTD;
        return NONE;
    }

    /** From the magic bytes at the start of the content (at least 4 of them; fewer mean NONE). */
    public static Compression detect(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return GZIP;
        if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) return ZSTD;
        return NONE;
    }

    /** A stream of the uncompressed content of {@code compressed}; closing it closes {@code compressed}. */
    public InputStream decompress(InputStream compressed) throws IOException {
        return switch (this) {
            case NONE -> compressed;
            case GZIP -> new GZIPInputStream(compressed, BUFFER);
            case ZSTD -> new ZstdInputStream(compressed);
        };
    }

    /** A stream that compresses into {@code out}; closing it finishes the compressed stream and closes {@code out}. */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER);
            case ZSTD -> new ZstdOutputStream(out);
        };
    }

    /** The layer media type for this compression, in the OCI or Docker family of {@code like}. */
    public MediaType layerType(MediaType like) {
        boolean docker = like.value().startsWith("application/vnd.docker.");
        return switch (this) {
            case NONE -> docker ? DockerArchive.DOCKER_LAYER_TAR : MediaType.of("application/vnd.oci.image.layer.v1.tar");
            case GZIP -> docker ? MediaType.DOCKER_LAYER_GZIP : MediaType.OCI_LAYER_GZIP;
            case ZSTD -> MediaType.of("application/vnd.oci.image.layer.v1.tar+zstd");
        };
    }
}
