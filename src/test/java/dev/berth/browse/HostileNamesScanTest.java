package dev.berth.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cleanup.CleanupScan;
import dev.berth.work.CancelSignal;
import dev.berth.registry.ListingLimits;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import dev.berth.testing.HostileNamesRegistry;
import dev.berth.work.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog loader, the scanner and the cleanup scan against names no registry should send, and an endless catalog. */
class HostileNamesScanTest {

    @RegisterExtension
    final HostileNamesRegistry registry = new HostileNamesRegistry();

    @Test
    void theScannerSkipsInvalidTagsWithoutRequestingThemAndSaysSo() throws Exception {
        Map<String, Exception> failures = new ConcurrentHashMap<>();
        Progress<ScanEvent> listener = event -> {
            if (event instanceof ScanBatch batch) batch.failures().forEach(f -> failures.put(f.what(), f.cause()));
        };

        RepositorySnapshot snapshot = new RepositoryScanner(SummaryCache.none(), 4, Duration.ZERO)
                .scan(registry.connect(), "ok/repo", listener);

        assertEquals(Set.copyOf(HostileNamesRegistry.VALID_TAGS), snapshot.tags().stream().map(TagInfo::tag).collect(Collectors.toSet()));
        List<String> skipped = failures.keySet().stream().filter(w -> w.startsWith("ok/repo:\"")).sorted().toList();
        assertEquals(HostileNamesRegistry.INVALID_TAGS.size(), skipped.size(), failures.keySet().toString());
        assertTrue(skipped.contains("ok/repo:\"evil\\u001b]0;pwned\\u0007\""), skipped.toString());
        failures.values().forEach(e -> assertTrue(e.getMessage().contains("sent no request"), e.getMessage()));
        assertEquals(List.of(), registry.requestsFromInvalidNames());
    }

    @Test
    void theCatalogLoaderListsInvalidNamesButNeverCountsTheirTags() throws Exception {
        CatalogResult.Listed listed = (CatalogResult.Listed) new CatalogLoader(registry.connect())
                .load(Progress.none(), CancelSignal.none());

        assertEquals(Set.copyOf(HostileNamesRegistry.allRepositories()), Set.copyOf(listed.repositories()));
        assertEquals(Map.of("ok/repo", HostileNamesRegistry.allTags().size()), listed.tagCounts());
        assertEquals(Set.copyOf(HostileNamesRegistry.INVALID_REPOSITORIES), listed.failures().keySet());
        listed.failures().values().forEach(e -> assertInstanceOf(RegistryException.Refused.class, e));
        assertEquals(List.of(), registry.requestsFromInvalidNames());
    }

    @Test
    void anEndlessCatalogKeepsWhatArrivedUpToTheLimitAndEndsWithTheReason() throws Exception {
        registry.endless(1000);
        RegistryClient client = registry.connect().withListingLimits(new ListingLimits(3_500, Long.MAX_VALUE), ListingLimits.TAGS);
        List<CatalogBatch> batches = new java.util.concurrent.CopyOnWriteArrayList<>();

        CatalogResult.Listed listed = (CatalogResult.Listed) new CatalogLoader(client,
                CatalogLoader.Options.defaults().withCountTags(false)).load(batches::add, CancelSignal.none());

        assertEquals(3_500, listed.repositories().size());
        assertEquals(3_500, batches.stream().mapToInt(b -> b.repositories().size()).sum());
        RegistryException reason = listed.truncatedBy().orElseThrow();
        assertInstanceOf(RegistryException.Refused.class, reason);
        assertTrue(reason.getMessage().contains("more than 3,500 names") && reason.getMessage().contains("by name"),
                reason.getMessage());
        assertEquals(4, registry.requestCount(), "stopped at the limit");
    }

    @Test
    void aCleanupScanSkipsInvalidRepositoriesAndTagsWithoutRequestingThem() throws Exception {
        RegistryClient client = registry.connect();
        Map<String, Exception> failures = new ConcurrentHashMap<>();
        Progress<ScanEvent> listener = event -> {
            if (event instanceof ScanBatch batch) batch.failures().forEach(f -> failures.put(f.what(), f.cause()));
        };

        List<RepositorySnapshot> snapshots = new CleanupScan(new RepositoryScanner(SummaryCache.none(), 4, Duration.ZERO))
                .scan(client, CleanupScan.repositoriesUnder(client, ""), CleanupScan.Referrers.SKIP, listener, CancelSignal.none());

        assertEquals(List.of("ok/repo"), snapshots.stream().map(RepositorySnapshot::repository).toList());
        assertEquals(Set.copyOf(HostileNamesRegistry.VALID_TAGS),
                snapshots.getFirst().tags().stream().map(TagInfo::tag).collect(Collectors.toSet()));
        assertTrue(failures.containsKey("\"../../v2/x\""), failures.keySet().toString());
        assertEquals(HostileNamesRegistry.INVALID_REPOSITORIES.size() + HostileNamesRegistry.INVALID_TAGS.size(), failures.size(),
                failures.keySet().toString());
        assertEquals(List.of(), registry.requestsFromInvalidNames());
    }
}
