package dev.berth.browse;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Another Berth in a child JVM: writes one summary with {@code args[1]} layers into the cache at {@code args[0]}. */
public final class SummaryCacheWriter {

    private SummaryCacheWriter() {}

    public static void main(String[] args) {
        new DiskSummaryCache(Path.of(args[0])).put("registry.example", summary(Integer.parseInt(args[1])));
        System.exit(0);
    }

    /** The same digest whatever the layer count: the later write replaces the earlier entry. */
    public static ImageSummary summary(int layers) {
        Map<Digest, Long> blobs = new LinkedHashMap<>();
        for (int i = 0; i < layers; i++) blobs.put(Digest.parse("sha256:" + String.format("%064x", i + 1)), 1000L + i);
        return new ImageSummary(Digest.parse("sha256:" + "ab".repeat(32)), MediaType.OCI_MANIFEST, 4242,
                Optional.of(Instant.parse("2024-03-01T12:00:00Z")), List.of(Platform.of("linux", "amd64")), blobs, List.of(),
                Optional.empty(), Optional.empty());
    }
}
