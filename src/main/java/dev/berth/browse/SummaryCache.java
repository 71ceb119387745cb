package dev.berth.browse;

import dev.berth.domain.Digest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Summaries by registry and digest. Content under a digest never changes, so entries never go
 * stale; the in-memory version lives for the session, {@link DiskSummaryCache} across sessions.
 * Implementations must be thread-safe: a scan reads and writes from several threads at once.
 */
public interface SummaryCache {

    Optional<ImageSummary> get(String registry, Digest digest);

    void put(String registry, ImageSummary summary);

    /** A cache that keeps nothing: every scan is cold. */
    static SummaryCache none() {
        return new SummaryCache() {
            @Override
            public Optional<ImageSummary> get(String registry, Digest digest) {
                return Optional.empty();
            }

            @Override
            public void put(String registry, ImageSummary summary) {}
        };
    }

    /** A session cache in memory. */
    static SummaryCache inMemory() {
        Map<String, ImageSummary> entries = new ConcurrentHashMap<>();
        return new SummaryCache() {
            @Override
            public Optional<ImageSummary> get(String registry, Digest digest) {
                return Optional.ofNullable(entries.get(registry + "@" + digest));
            }

            @Override
            public void put(String registry, ImageSummary summary) {
                entries.put(registry + "@" + summary.digest(), summary);
            }
        };
    }
}
