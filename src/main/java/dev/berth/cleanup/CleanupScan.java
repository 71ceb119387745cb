package dev.berth.cleanup;

import dev.berth.registry.RequestNames;
import dev.berth.domain.RepositoryName;
import dev.berth.browse.ImageSummaries;
import dev.berth.browse.ImageSummary;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.ScanBatch;
import dev.berth.browse.ScanEvent;
import dev.berth.browse.ScanFailure;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.domain.Names;
import dev.berth.domain.Printable;
import dev.berth.graph.ManifestWalker;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads what a cleanup is planned on: the repositories (one, or all under a namespace from the
 * catalog), each scanned by the shared {@link RepositoryScanner}, plus — on registries with the
 * OCI referrers API — the signatures, SBOMs and attestations of every tagged manifest, which no tag
 * names there and which a cleanup must neither orphan nor forget. (Without the API, referrers are
 * reached through their {@code sha256-<hex>} tag, which the scan already follows.)
 */
public final class CleanupScan {

    /** Whether to ask the referrers API for what refers to each tagged manifest. */
    public enum Referrers { SKIP, LOOK_UP }

    private final RepositoryScanner scanner;

    public CleanupScan(RepositoryScanner scanner) {
        this.scanner = scanner;
    }

    /** Repositories of the catalog under {@code namespace} (ending in '/'; empty: all), sorted. */
    public static List<String> repositoriesUnder(RegistryClient client, String namespace) throws RegistryException {
        if (!namespace.isEmpty() && !namespace.endsWith("/")) throw new IllegalArgumentException("a namespace ends in '/': " + namespace);
        return client.catalog().stream().filter(r -> r.startsWith(namespace)).sorted().toList();
    }

    public List<RepositorySnapshot> scan(RegistryClient client, List<String> repositories, Referrers referrers, Progress<ScanEvent> listener,
            CancelSignal cancel) throws RegistryException {
        RegistryClient registry = client.withCancel(cancel);
        List<RepositorySnapshot> snapshots = new java.util.ArrayList<>();
        for (String repository : repositories) {
            cancel.throwIfCancelled();
            Optional<String> invalid = Names.repositoryProblem(repository);
            if (invalid.isPresent()) { // listed by a broken or hostile registry: never requested, never cleaned up
                listener.report(ScanBatch.found(List.of(), List.of(new ScanFailure(Printable.quoted(repository),
                        new RegistryException.Refused("The registry listed a repository that is not a valid name ("
                                + invalid.get() + "); the cleanup skipped it and sent no request for it.")))));
                continue;
            }
            RepositorySnapshot snapshot = scanner.scan(registry, repository, listener);
            snapshots.add(referrers == Referrers.LOOK_UP ? withReferrers(registry, snapshot, listener) : snapshot);
        }
        return snapshots;
    }

    /** {@code snapshot} plus the referrers of its tagged manifests (one level: referrers of referrers are rare). */
    public static RepositorySnapshot withReferrers(RegistryClient client, RepositorySnapshot snapshot, Progress<ScanEvent> listener)
            throws RegistryException {
        String repository = snapshot.repository();
        RepositoryName name = RequestNames.repository(repository);
        Map<Digest, ImageSummary> images = new HashMap<>(snapshot.images());
        List<ImageSummary> found = new java.util.ArrayList<>();
        List<ScanFailure> failures = new java.util.ArrayList<>();
        ManifestWalker<RegistryException> walker = new ManifestWalker<>(digest -> {
            if (images.containsKey(digest)) return Optional.empty();
            try {
                return Optional.of(client.manifest(name, digest).manifest());
            } catch (RegistryException.NotFound gone) {
                failures.add(new ScanFailure(repository + "@" + digest.shortHex(), gone));
                return Optional.empty();
            }
        }, manifest -> summary(manifest).ifPresent(s -> {
            images.put(s.digest(), s);
            found.add(s);
        }));
        walker.referrersOf(snapshot.tagsByDigest().keySet(), subject -> client.referrers(name, subject),
                1, ManifestWalker.Children.none());
        if (!found.isEmpty() || !failures.isEmpty()) listener.report(ScanBatch.found(found, failures));
        return new RepositorySnapshot(snapshot.registry(), repository, snapshot.tags(), images);
    }

    // A referrer's config is not an image config, so only its blobs and subject are summarised.
    private static Optional<ImageSummary> summary(Manifest manifest) {
        return switch (manifest) {
            case ImageManifest image -> Optional.of(ImageSummaries.ofImage(manifest.digest(), image, Optional.empty()));
            case ImageIndex index -> Optional.of(ImageSummaries.ofIndex(manifest.digest(), index, Map.of()));
            default -> Optional.empty();
        };
    }
}
