package dev.berth.transfer;

import dev.berth.domain.Platform;
import java.util.List;
import java.util.Objects;

/**
 * How to copy: which platforms of an index (empty: all of them), whether uncompressed layers (those
 * of a docker-archive) are gzipped on the way, and how many blobs move at once.
 */
public record CopyOptions(List<Platform> platforms, LayerCompression compression, int parallelism) {

    public static final int DEFAULT_PARALLELISM = 4;

    /** What to do with a layer that is an uncompressed tar. */
    public enum LayerCompression {
        /** Store it as it is (what a docker-archive holds). */
        KEEP,
        /** Gzip it, as {@code docker push} does: its digest, and so the manifest's, change. */
        GZIP
    }

    public CopyOptions {
        platforms = List.copyOf(platforms);
        Objects.requireNonNull(compression, "compression");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }

    /** All platforms, uncompressed layers kept, four blobs at a time. */
    public static CopyOptions defaults() {
        return new CopyOptions(List.of(), LayerCompression.KEEP, DEFAULT_PARALLELISM);
    }

    public CopyOptions withPlatforms(List<Platform> chosen) {
        return new CopyOptions(chosen, compression, parallelism);
    }

    public CopyOptions withCompression(LayerCompression layers) {
        return new CopyOptions(platforms, layers, parallelism);
    }

    public CopyOptions withParallelism(int blobsAtOnce) {
        return new CopyOptions(platforms, compression, blobsAtOnce);
    }
}
