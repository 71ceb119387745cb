package dev.berth.transfer;

import dev.berth.domain.Digest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a copy did. {@code digest} is the manifest now at the destination; {@code bytes} are the
 * blob bytes that were read from the source and written (skipped and mounted blobs move none).
 * {@code digestChange} says why the digest differs from the source's, when it does.
 */
public record CopyResult(Digest sourceDigest, Digest digest, long bytes, int blobsCopied, int blobsSkipped, int blobsMounted,
        Duration elapsed, Optional<String> digestChange) {

    public CopyResult {
        Objects.requireNonNull(sourceDigest, "sourceDigest");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(digestChange, "digestChange");
        if (digestChange.isPresent() == digest.equals(sourceDigest)) {
            throw new IllegalArgumentException("a changed digest needs a reason, and only a changed one has one");
        }
    }

    public boolean digestPreserved() {
        return digestChange.isEmpty();
    }

    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }
}
