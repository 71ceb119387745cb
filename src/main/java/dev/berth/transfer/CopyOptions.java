package dev.berth.transfer;

import dev.berth.domain.Platform;
import java.util.List;
import java.util.Objects;

/**
 * How to copy: which platforms of an index (empty: all of them), whether uncompressed layers (those
 * of a docker-archive) are gzipped on the way, how many blobs move at once, and whether the
 * destination holds single images only (a docker-archive), so an index must come down to the one
 * image of its one chosen platform; and whether what refers to the image (signatures, SBOMs) goes
 * with it.
 */
public record CopyOptions(List<Platform> platforms, LayerCompression compression, int parallelism, boolean singleImage,
        boolean referrers) {

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
        return new CopyOptions(List.of(), LayerCompression.KEEP, DEFAULT_PARALLELISM, false, false);
    }

    public CopyOptions withPlatforms(List<Platform> chosen) {
        return new CopyOptions(chosen, compression, parallelism, singleImage, referrers);
    }

    public CopyOptions withCompression(LayerCompression layers) {
        return new CopyOptions(platforms, layers, parallelism, singleImage, referrers);
    }

    public CopyOptions withParallelism(int blobsAtOnce) {
        return new CopyOptions(platforms, compression, blobsAtOnce, singleImage, referrers);
    }

    /** Referrers need a registry on both sides: only a registry can say what refers to a manifest. */
    public CopyOptions withReferrers(boolean withThem) {
        return new CopyOptions(platforms, compression, parallelism, singleImage, withThem);
    }

    public CopyOptions withSingleImage(boolean only) {
        return new CopyOptions(platforms, compression, parallelism, only, referrers);
    }
}
