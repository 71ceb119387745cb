package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.registry.CancelSignal;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.store.RegistryStore;
import dev.berth.store.TransferStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transfer engine: copies one image (a manifest or an index with its children) from any
 * {@link ImageSource} to any {@link ImageDestination}. Blobs first, several at once and streamed,
 * then the manifests as raw bytes (children before their index), the tag last, then the commit.
 * A failure or cancel before the tag leaves the destination uncommitted, so nothing is named.
 *
 * <p>The caller owns both places and closes them; closing an uncommitted destination discards it.
 */
public final class ImageCopier {

    private final Path scratch;

    /** {@code scratch} holds layers being gzipped (docker-archive sources) until they are stored. */
    public ImageCopier(Path scratch) {
        this.scratch = scratch;
    }

    /** With scratch files in the system's temporary directory. */
    public ImageCopier() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Copies what {@code reference} names in {@code from} (a tag, a digest, or empty when the place
     * holds one image) to {@code to}, naming it {@code tag} there (or storing it by digest).
     */
    public CopyResult copy(ImageSource from, String reference, ImageDestination to, Optional<String> tag, CopyOptions options,
            CancelSignal cancel, TransferListener listener) throws IOException {
        long start = System.nanoTime();
        Descriptor top = resolve(from, reference);
        PlatformFilter filter = new PlatformFilter(options.platforms());
        Manifest root = from.manifest(top.digest());
        boolean unwrapped = false;
        if (options.singleImage() && root instanceof ImageIndex index) {
            root = from.manifest(filter.onlyImage(index).digest());
            unwrapped = true;
        }
        Graph graph = Graph.walk(from, root, filter);
        graph.unwrapped = unwrapped;
        Progress progress = new Progress(listener, graph.blobs.values());
        Map<Digest, Descriptor> stored = new BlobTransfers(from, to, options, cancel, progress, scratch).run(graph.blobs.values());

        cancel.throwIfCancelled();
        Manifest written = new ManifestWriter(to, graph, stored).write(graph.root, tag);
        cancel.throwIfCancelled();
        to.commit();

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new CopyResult(top.digest(), written.digest(), progress.bytesCopied(), progress.blobsCopied(), progress.blobsSkipped(),
                progress.blobsMounted(), elapsed, digestChange(top.digest(), written.digest(), graph, stored));
    }

    private static Descriptor resolve(ImageSource from, String reference) throws IOException {
        if (Digest.isDigest(reference)) return from.manifest(Digest.parse(reference)).descriptor();
        if (!reference.isEmpty()) return from.resolve(reference);
        List<String> tags = from.tags();
        if (tags.size() != 1) {
            throw new CopyException(from.description() + " holds " + tags.size() + " images " + tags
                    + ": name the one to copy (e.g. " + from.description() + ":TAG).");
        }
        return from.resolve(tags.get(0));
    }

    private static Optional<String> digestChange(Digest source, Digest written, Graph graph, Map<Digest, Descriptor> stored) {
        if (source.equals(written)) return Optional.empty();
        List<String> reasons = new ArrayList<>();
        if (graph.unwrapped) reasons.add("the index was replaced by the image of its one chosen platform");
        if (graph.filtered) reasons.add("platforms were left out of the index");
        boolean compressed = stored.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue().digest()));
        if (compressed) reasons.add("uncompressed layers were gzipped");
        if (reasons.isEmpty()) reasons.add("the manifest changed");
        return Optional.of(String.join(" and ", reasons));
    }

    /** The image's manifests (each fetched once) and distinct blobs, with the index entries to keep. */
    static final class Graph {
        final Manifest root;
        final Map<Digest, Manifest> manifests = new HashMap<>();
        final Map<Digest, List<Descriptor>> keptChildren = new HashMap<>();
        final Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        boolean filtered;
        boolean unwrapped;

        private Graph(Manifest root) {
            this.root = root;
        }

        static Graph walk(ImageSource from, Manifest root, PlatformFilter filter) throws IOException {
            Graph graph = new Graph(root);
            graph.add(from, root, filter);
            return graph;
        }

        private void add(ImageSource from, Manifest manifest, PlatformFilter filter) throws IOException {
            manifests.put(manifest.digest(), manifest);
            switch (manifest) {
                case ImageIndex index -> {
                    List<Descriptor> kept = filter.select(index);
                    if (kept.size() != index.manifests().size()) filtered = true;
                    keptChildren.put(index.digest(), kept);
                    for (Descriptor child : kept) {
                        if (!manifests.containsKey(child.digest())) add(from, from.manifest(child.digest()), filter);
                    }
                }
                case ImageManifest image -> image.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
                default -> throw new CopyException("The manifest " + manifest.digest() + " is a legacy schema 1 manifest, "
                        + "which Berth does not copy. Push the image again with a current Docker or Podman.");
            }
        }
    }

    /** Moves the blobs: skipped, mounted, compressed or streamed; a bounded number at once. */
    private static final class BlobTransfers {
        private final ImageSource from;
        private final ImageDestination to;
        private final CopyOptions options;
        private final CancelSignal cancel;
        private final CancelSignal stop = new CancelSignal();
        private final Progress progress;
        private final Path scratch;
        private final Map<Digest, Descriptor> stored = new ConcurrentHashMap<>();

        BlobTransfers(ImageSource from, ImageDestination to, CopyOptions options, CancelSignal cancel, Progress progress, Path scratch) {
            this.from = from;
            this.to = to;
            this.options = options;
            this.cancel = cancel;
            this.progress = progress;
            this.scratch = scratch;
        }

        Map<Digest, Descriptor> run(java.util.Collection<Descriptor> blobs) throws IOException {
            List<Future<?>> running = new ArrayList<>();
            try (CancelSignal.Registration ignored = cancel.onCancel(stop::cancel);
                    ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), Thread.ofVirtual().name("berth-copy-", 0).factory())) {
                for (Descriptor blob : blobs) running.add(pool.submit(() -> {
                    transfer(blob);
                    return null;
                }));
                Throwable failure = null;
                for (Future<?> future : running) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        // The first real failure stops the others; the cancellations it causes are not the story.
                        if (failure == null || failure instanceof CancellationException) failure = e.getCause();
                        stop.cancel();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stop.cancel();
                        throw new CancellationException("interrupted");
                    }
                }
                if (failure != null) {
                    cancel.throwIfCancelled();
                    if (failure instanceof IOException io) throw io;
                    if (failure instanceof RuntimeException runtime) throw runtime;
                    throw new IllegalStateException(failure);
                }
            }
            return Map.copyOf(stored);
        }

        private void transfer(Descriptor blob) throws IOException {
            stop.throwIfCancelled();
            if (options.compression() == CopyOptions.LayerCompression.GZIP && LayerGzip.isUncompressedLayer(blob.mediaType())) {
                transferCompressed(blob);
                return;
            }
            stored.put(blob.digest(), blob);
            if (to.blobSize(blob.digest()).isPresent()) {
                progress.skipped(blob);
                return;
            }
            if (mountable() && ((RegistryStore) to).mountBlob(blob.digest(), ((RegistryStore) from).repository())) {
                progress.mounted(blob);
                return;
            }
            progress.started(blob);
            AtomicLong read = new AtomicLong();
            SourceStream source = new SourceStream(from, blob);
            try {
                to.putBlob(blob, () -> {
                    read.set(0);
                    return counted(blob, source.open(), read);
                });
            } catch (IOException e) {
                throw explain(blob, e, source);
            }
            progress.copied(blob, blob, read.get());
        }

        /** Gzip to a scratch file first: the new digest must be known before the upload starts. */
        private void transferCompressed(Descriptor blob) throws IOException {
            progress.started(blob);
            AtomicLong read = new AtomicLong();
            SourceStream source = new SourceStream(from, blob);
            LayerGzip.Compressed compressed;
            Files.createDirectories(scratch);
            try {
                compressed = LayerGzip.compress(blob, counted(blob, source.open(), read), scratch);
            } catch (IOException e) {
                throw explain(blob, e, source);
            }
            try {
                Descriptor gzipped = compressed.descriptor();
                stored.put(blob.digest(), gzipped);
                if (to.blobSize(gzipped.digest()).isPresent()) {
                    progress.skipped(blob);
                    return;
                }
                try {
                    to.putBlob(gzipped, () -> new TransferStream(Files.newInputStream(compressed.file()), stop, n -> {}));
                } catch (IOException e) {
                    throw explain(blob, e, null);
                }
                progress.copied(blob, gzipped, read.get());
            } finally {
                Files.deleteIfExists(compressed.file());
            }
        }

        private InputStream counted(Descriptor blob, InputStream source, AtomicLong read) {
            return new TransferStream(source, stop, n -> progress.read(blob, read.addAndGet(n), n));
        }

        private boolean mountable() {
            return from instanceof RegistryStore source && to instanceof RegistryStore target
                    && source.client().host().equals(target.client().host()) && !source.repository().equals(target.repository());
        }

        /** Says which side failed: a source blob that is missing, corrupt or unreadable is the source's fault, whatever the upload said. */
        private CopyException explain(Descriptor blob, IOException e, SourceStream source) {
            IOException sourceFailure = source == null ? null : source.failure();
            if (sourceFailure != null) {
                return new CopyException("The blob " + blob.digest() + " could not be read from " + from.description() + ": "
                        + sourceFailure.getMessage() + " Nothing was tagged in " + to.description()
                        + ". Repair the source (pull or save the image there again), then copy again.", sourceFailure);
            }
            return new CopyException("Writing the blob " + blob.digest() + " to " + to.description() + " failed: " + e.getMessage()
                    + " Nothing was tagged there; run the copy again.", e);
        }
    }

    /** Writes the manifests bottom-up, changed only where their blobs or children changed; the root last, under the tag. */
    private static final class ManifestWriter {
        private final ImageDestination to;
        private final Graph graph;
        private final Map<Digest, Descriptor> stored;
        private final Map<Digest, Manifest> written = new HashMap<>();

        ManifestWriter(ImageDestination to, Graph graph, Map<Digest, Descriptor> stored) {
            this.to = to;
            this.graph = graph;
            this.stored = stored;
        }

        Manifest write(Manifest root, Optional<String> tag) throws IOException {
            Manifest result = prepare(root);
            to.putImage(result, tag);
            return result;
        }

        private Manifest prepare(Manifest manifest) throws IOException {
            Manifest done = written.get(manifest.digest());
            if (done != null) return done;
            Manifest result = switch (manifest) {
                case ImageManifest image -> ManifestRewriter.rewrite(image, "layers", stored, Set.of());
                case ImageIndex index -> {
                    List<Descriptor> kept = graph.keptChildren.get(index.digest());
                    Map<Digest, Descriptor> children = new HashMap<>();
                    for (Descriptor child : kept) {
                        Manifest childManifest = prepare(graph.manifests.get(child.digest()));
                        to.putManifest(childManifest);
                        children.put(child.digest(), childManifest.descriptor().withAnnotations(child.annotations()));
                    }
                    Set<Digest> dropped = new LinkedHashSet<>();
                    index.manifests().stream().map(Descriptor::digest).filter(d -> !children.containsKey(d)).forEach(dropped::add);
                    yield ManifestRewriter.rewrite(index, "manifests", children, dropped);
                }
                default -> throw new IllegalStateException("unexpected " + manifest.mediaType());
            };
            written.put(manifest.digest(), result);
            return result;
        }
    }
}
