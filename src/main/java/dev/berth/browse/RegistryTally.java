package dev.berth.browse;

import dev.berth.domain.Digest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds up a registry overview from what arrives while it loads: catalog batches (repositories and
 * tag counts) and repository scans (tags, images, blobs, creation dates). Pure arithmetic, no I/O.
 *
 * <p>Distinct means by digest across the whole registry: a layer shared by ten images, or an
 * image tagged in two repositories, counts once, as it is stored and pulled once. Scanning a
 * repository again replaces what its earlier scan added (tags move), so reference counts are kept
 * per digest. Thread-safe: catalog loads and scans report from their own threads.
 */
public final class RegistryTally {

    /** How many recent pushes the figures list. */
    public static final int RECENT = 5;

    private static final Comparator<RecentPush> NEWEST_FIRST = Comparator.comparing(RecentPush::created).reversed()
            .thenComparing(RecentPush::repository).thenComparing(RecentPush::tag);

    private final Set<String> repositories = new HashSet<>();
    private final Map<String, Integer> tagCounts = new HashMap<>();
    private final Map<String, Scanned> scanned = new HashMap<>();
    private final Set<String> failed = new HashSet<>();
    private final Map<Digest, Integer> imageRefs = new HashMap<>();
    private final Map<Digest, Integer> blobRefs = new HashMap<>();
    private final Map<Digest, Long> blobSizes = new HashMap<>();
    private long tags; // the sum of tagCounts, kept likewise
    private long sizeAsPulled; // the sum of blobSizes, kept as it changes: figures are asked for after every scan
    private boolean catalogEnded;

    /** What one repository's scan added: removed again when it is scanned anew. */
    private record Scanned(Set<Digest> images, Map<Digest, Long> blobs, List<RecentPush> newest) {}

    /** Everything from one catalog batch. */
    public synchronized void catalog(CatalogBatch batch) {
        repositories.addAll(batch.repositories());
        batch.tagCounts().forEach(c -> counted(c.repository(), c.count()));
        if (batch.progress().catalogEnded()) catalogEnded = true;
    }

    /** Repositories known without a catalog (added by hand); their listing is complete by definition. */
    public synchronized void known(Collection<String> names) {
        repositories.addAll(names);
    }

    /** No more repositories will be listed (the catalog ended, or the registry has none to list). */
    public synchronized void catalogEnded() {
        catalogEnded = true;
    }

    /** A repository's scan: its tags, the images they point at and the blobs those keep alive. */
    public synchronized void scanned(RepositorySnapshot snapshot) {
        String name = snapshot.repository();
        forget(name);
        repositories.add(name);
        failed.remove(name);
        counted(name, snapshot.tags().size());
        Set<Digest> images = new HashSet<>();
        Map<Digest, Long> blobs = new LinkedHashMap<>();
        List<RecentPush> pushes = new ArrayList<>();
        for (TagInfo tag : snapshot.tags()) {
            ImageSummary image = snapshot.images().get(tag.digest());
            if (image == null) continue; // unreadable manifest: no size, no date, so it is not an image the figures can count
            images.add(tag.digest());
            blobs.putAll(image.blobs());
            image.created().ifPresent(created -> pushes.add(new RecentPush(name, tag.tag(), tag.digest(), created)));
        }
        List<RecentPush> newest = pushes.stream().sorted(NEWEST_FIRST).limit(RECENT).toList();
        images.forEach(d -> imageRefs.merge(d, 1, Integer::sum));
        blobs.forEach((d, size) -> {
            if (blobRefs.merge(d, 1, Integer::sum) == 1) {
                blobSizes.put(d, size);
                sizeAsPulled += size;
            }
        });
        scanned.put(name, new Scanned(images, blobs, newest));
    }

    /** A repository that could not be scanned: counted as done, left out of the figures. */
    public synchronized void failed(String repository) {
        forget(repository);
        repositories.add(repository);
        failed.add(repository);
    }

    /** True when {@code repository} was scanned (or failed) since the tally began. */
    public synchronized boolean isScanned(String repository) {
        return scanned.containsKey(repository) || failed.contains(repository);
    }

    public synchronized RegistryFigures figures() {
        List<RecentPush> recent = scanned.values().stream().flatMap(s -> s.newest().stream()).sorted(NEWEST_FIRST).limit(RECENT).toList();
        return new RegistryFigures(repositories.size(), catalogEnded, tags, tagCounts.size(), scanned.size(), failed.size(),
                imageRefs.size(), sizeAsPulled, recent);
    }

    private void counted(String repository, int count) {
        Integer earlier = tagCounts.put(repository, count);
        tags += count - (earlier == null ? 0 : earlier);
    }

    private void forget(String repository) {
        Scanned earlier = scanned.remove(repository);
        if (earlier == null) return;
        earlier.images().forEach(d -> release(imageRefs, d));
        earlier.blobs().keySet().forEach(d -> {
            if (release(blobRefs, d)) sizeAsPulled -= blobSizes.remove(d);
        });
    }

    /** Drops one reference; true when it was the last. */
    private static boolean release(Map<Digest, Integer> refs, Digest digest) {
        Integer left = refs.computeIfPresent(digest, (d, n) -> n == 1 ? null : n - 1);
        return left == null;
    }
}
