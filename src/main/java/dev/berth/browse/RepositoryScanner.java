package dev.berth.browse;

import dev.berth.graph.ManifestWalker;
import dev.berth.registry.RequestNames;
import dev.berth.domain.Tag;
import dev.berth.domain.RepositoryName;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.domain.Names;
import dev.berth.domain.Printable;
import dev.berth.work.CancelSignal;
import dev.berth.work.FanOut;
import dev.berth.work.Progress;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Loads a repository's tags, the digest each points at (always fresh: tags move), and a summary of
 * every manifest reachable from them, index children included. Summaries come from a
 * {@link SummaryCache} when present, since content under a digest never changes: a warm scan
 * costs the tag list and one HEAD per tag.
 *
 * <p>Requests run concurrently, at most {@code concurrency} at a time: one HEAD per tag, then one
 * manifest GET (and config GET for an image) per distinct digest, each digest once even when many
 * tags share it. HEADs go first, then images complete one after the other. The listener hears of
 * results in batches on the calling thread. Cancelling the signal aborts what is in flight and
 * makes {@code scan} throw {@link CancellationException}.
 *
 * <p>A manifest that is gone, malformed or schema1 is reported and left out; the scan goes on. So
 * is a listed tag that is not a valid name: it is reported and never requested.
 * Anything that would fail every other request too (401, 403, rate limit, the registry down)
 * stops the scan and is thrown.
 */
public final class RepositoryScanner {

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofMillis(100);

    private final SummaryCache cache;
    private final int concurrency;
    private final Duration batchInterval;

    public RepositoryScanner(SummaryCache cache) {
        this(cache, DEFAULT_CONCURRENCY, DEFAULT_BATCH_INTERVAL);
    }

    public RepositoryScanner(SummaryCache cache, int concurrency, Duration batchInterval) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        if (batchInterval.isNegative()) throw new IllegalArgumentException("negative batch interval " + batchInterval);
        this.cache = cache;
        this.concurrency = concurrency;
        this.batchInterval = batchInterval;
    }

    public RepositorySnapshot scan(RegistryClient client, String repository, Progress<ScanEvent> listener) throws RegistryException {
        return scan(client, repository, listener, CancelSignal.none());
    }

    /**
     * Scans {@code repository}; blocking, so never on the UI thread.
     *
     * @throws CancellationException when {@code cancel} is cancelled (not an error: nothing to report)
     */
    public RepositorySnapshot scan(RegistryClient client, String repository, Progress<ScanEvent> listener, CancelSignal cancel)
            throws RegistryException {
        return new Scan(client, repository, cancel).run(listener);
    }

    // Who gets the next free request slot: every tag's HEAD first (digests and "also tagged as" for
    // every row, and the distinct digests to load), then the config that completes an image before
    // the manifest that starts another, so rows complete one by one instead of all at the end.
    private static final int HEAD = 0;
    private static final int CONFIG = 1;
    private static final int MANIFEST = 2;

    private sealed interface Event {
        record TagResolved(TagInfo tag) implements Event {}

        record TagVanished() implements Event {}

        record TagSkipped(ScanFailure failure) implements Event {}

        record ImageFound() implements Event {}

        record ImageLoaded(ImageSummary image) implements Event {}

        record Failed(ScanFailure failure) implements Event {}
    }

    /** One scan: a virtual thread per tag and per distinct digest, prioritised permits bounding the requests. */
    private final class Scan {
        private final String repository;
        private RepositoryName name;
        private final String registry;
        private final CancelSignal cancel;
        private final RegistryClient unlinked;
        private final Map<Digest, CompletableFuture<Optional<ImageSummary>>> loads = new ConcurrentHashMap<>();
        private final BatchPump<Event> pump = new BatchPump<>(batchInterval);
        // Stopped on the caller's cancel, on a fatal error, or when the listener throws; its stop signal aborts what is in flight.
        private FanOut work;
        private RegistryClient client;

        // Owned by the calling thread, which delivers the batches.
        private int tagCount;
        private int tagsDone;
        private int images;
        private int imagesDone;
        private int failures;

        Scan(RegistryClient client, String repository, CancelSignal cancel) {
            this.repository = repository;
            this.registry = client.host();
            this.cancel = cancel;
            this.unlinked = client;
        }

        RepositorySnapshot run(Progress<ScanEvent> listener) throws RegistryException {
            List<CompletableFuture<Optional<TagInfo>>> resolved = new ArrayList<>();
            try (FanOut work = FanOut.open("berth-scan-", concurrency, cancel, pump::wake)) {
                this.work = work;
                this.client = unlinked.withCancel(work.stop());
                this.name = RequestNames.repository(repository);
                List<Tag> valid = validTags(client.tags(name), listener);
                tagCount = valid.size();
                listener.report(new ScanEvent.TagsListed(tagCount));
                for (Tag tag : valid) resolved.add(work.fork(() -> resolve(tag)));
                pump.run(() -> work.idle() || work.failure().isPresent(), cancel, events -> listener.report(batch(events)));
                work.await(RegistryException.class);
            }
            List<TagInfo> tags = new ArrayList<>();
            for (Future<Optional<TagInfo>> f : resolved) done(f).ifPresent(tags::add);
            Map<Digest, ImageSummary> summaries = new LinkedHashMap<>();
            loads.forEach((digest, f) -> done(f).ifPresent(s -> summaries.put(digest, s)));
            return new RepositorySnapshot(registry, repository, tags, summaries);
        }

        /**
         * The tags that are valid names; each other one is reported as skipped and never requested,
         * so nothing downstream (a table, a cleanup) can act on it.
         */
        private List<Tag> validTags(List<String> listed, Progress<ScanEvent> listener) {
            List<Tag> valid = new ArrayList<>(listed.size());
            for (String tag : listed) {
                Optional<String> problem = Names.tagProblem(tag);
                if (problem.isEmpty()) {
                    valid.add(Tag.of(tag));
                } else {
                    listener.report(new ScanEvent.TagSkipped(tag));
                    pump.post(new Event.TagSkipped(new ScanFailure(repository + ":" + Printable.quoted(tag),
                            new RegistryException.Refused("The registry listed a tag that is not a valid name (" + problem.get()
                                    + "); Berth skipped it and sent no request for it."))));
                }
            }
            return valid;
        }

        /** The tag's digest, once its image is loaded too; a failure that would fail every other request stops the scan. */
        private Optional<TagInfo> resolve(Tag tag) throws RegistryException {
            try {
                Digest digest = work.withPermit(HEAD, () -> client.headManifest(name, tag)).digest();
                TagInfo info = new TagInfo(repository, tag.value(), digest);
                pump.post(new Event.TagResolved(info));
                load(digest).join(); // so that "every tag done" means every manifest done
                return Optional.of(info);
            } catch (RegistryException.NotFound vanished) {
                pump.post(new Event.TagVanished()); // deleted between listing and lookup: not a tag any more
                return Optional.empty();
            }
        }

        /** The summary of {@code digest}, loaded once per scan however many tags and indexes point at it. */
        private CompletableFuture<Optional<ImageSummary>> load(Digest digest) {
            return loads.computeIfAbsent(digest, d -> {
                pump.post(new Event.ImageFound());
                return work.fork(() -> summariseOrReport(d));
            });
        }

        private Optional<ImageSummary> summariseOrReport(Digest digest) throws RegistryException {
            String what = repository + "@" + digest.shortHex();
            try {
                Optional<ImageSummary> summary = summarise(digest, what);
                summary.ifPresent(s -> pump.post(new Event.ImageLoaded(s)));
                return summary;
            } catch (RegistryException.NotFound | RegistryException.ProtocolViolation | RegistryException.Unsupported e) {
                // Gone (e.g. an index child deleted on its own, T7) or unreadable: this one only.
                pump.post(new Event.Failed(new ScanFailure(what, e)));
                return Optional.empty();
            }
        }

        private Optional<ImageSummary> summarise(Digest digest, String what) throws RegistryException {
            Optional<ImageSummary> cached = cache.get(registry, digest);
            if (cached.isPresent()) {
                // The snapshot holds index children too (cleanup plans on them): load them, from the cache if there.
                cached.get().children().stream().map(this::load).toList().forEach(CompletableFuture::join);
                return cached;
            }
            Manifest manifest = work.withPermit(MANIFEST, () -> client.manifest(name, digest)).manifest();
            ImageSummary summary;
            if (manifest instanceof ImageIndex index) {
                Map<Digest, CompletableFuture<Optional<ImageSummary>>> pending = new LinkedHashMap<>();
                for (Descriptor child : ManifestWalker.children(index)) pending.put(child.digest(), load(child.digest()));
                Map<Digest, ImageSummary> children = new HashMap<>();
                pending.forEach((d, f) -> f.join().ifPresent(s -> children.put(d, s)));
                summary = ImageSummaries.ofIndex(digest, index, children);
                // A summary missing a child has wrong sizes and platforms: never keep it for good.
                if (children.size() == pending.size()) cache.put(registry, summary);
            } else if (manifest instanceof ImageManifest image) {
                Optional<ImageConfig> config = image.isArtifact() ? Optional.empty()
                        : Optional.of(work.withPermit(CONFIG, () -> client.config(name, image.config())));
                summary = ImageSummaries.ofImage(digest, image, config);
                cache.put(registry, summary);
            } else {
                throw new RegistryException.Unsupported("The manifest " + what + " is in the legacy schema1 format, which "
                        + "carries no sizes; it is left out.", 0, List.of());
            }
            return Optional.of(summary);
        }

        private ScanBatch batch(List<Event> events) {
            List<TagInfo> tags = new ArrayList<>();
            List<ImageSummary> loaded = new ArrayList<>();
            List<ScanFailure> failed = new ArrayList<>();
            for (Event event : events) {
                switch (event) {
                    case Event.TagResolved t -> {
                        tags.add(t.tag());
                        tagsDone++;
                    }
                    case Event.TagVanished v -> tagsDone++;
                    case Event.TagSkipped k -> {
                        failed.add(k.failure());
                        failures++;
                    }
                    case Event.ImageFound f -> images++;
                    case Event.ImageLoaded l -> {
                        loaded.add(l.image());
                        imagesDone++;
                    }
                    case Event.Failed f -> {
                        failed.add(f.failure());
                        imagesDone++;
                        failures++;
                    }
                }
            }
            return new ScanBatch(tags, loaded, failed, new ScanProgress(tagCount, tagsDone, images, imagesDone, failures));
        }

        private static <T> Optional<T> done(Future<Optional<T>> future) {
            try {
                return future.isDone() ? future.get() : Optional.empty();
            } catch (ExecutionException | InterruptedException | CancellationException e) {
                return Optional.empty(); // failures were reported or thrown already
            }
        }
    }
}
