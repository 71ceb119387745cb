package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.Manifest;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
            CancelSignal cancel, Progress<TransferEvent> listener) throws IOException {
        long start = System.nanoTime();
        Descriptor top = resolve(from, reference);
        PlatformFilter filter = new PlatformFilter(options.platforms());
        Manifest root = from.manifest(top.digest());
        boolean unwrapped = options.singleImage() && root instanceof ImageIndex;
        if (unwrapped) root = from.manifest(filter.onlyImage((ImageIndex) root).digest());
        Optional<Referrers> referrers = options.referrers() ? Optional.of(Referrers.between(from, to)) : Optional.empty();
        ImageGraph graph = ImageGraph.walk(from, root, filter, unwrapped);
        if (referrers.isPresent()) graph.addReferrers(referrers.get());
        CopyTally progress = new CopyTally(listener, graph.blobs().values());
        Map<Digest, Descriptor> stored = new BlobTransfers(from, to, options, cancel, progress, scratch).run(graph.blobs().values());

        cancel.throwIfCancelled();
        Manifest written = new ManifestWriter(to, graph, stored).write(graph.root, tag, referrers);
        cancel.throwIfCancelled();
        to.commit();

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new CopyResult(top.digest(), written.digest(), progress.bytesCopied(), progress.blobsCopied(), progress.blobsSkipped(),
                progress.blobsMounted(), elapsed, digestChange(top.digest(), written.digest(), graph, stored));
    }

    private static Descriptor resolve(ImageSource from, String reference) throws IOException {
        if (Digest.isDigest(reference)) return from.manifest(Digest.parse(reference)).descriptor();
        return reference.isEmpty() ? from.onlyImage() : from.resolve(reference);
    }

    private static Optional<String> digestChange(Digest source, Digest written, ImageGraph graph, Map<Digest, Descriptor> stored) {
        if (source.equals(written)) return Optional.empty();
        List<String> reasons = new ArrayList<>();
        if (graph.unwrapped) reasons.add("the index was replaced by the image of its one chosen platform");
        if (graph.filtered()) reasons.add("platforms were left out of the index");
        boolean compressed = stored.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue().digest()));
        if (compressed) reasons.add("uncompressed layers were gzipped");
        if (reasons.isEmpty()) reasons.add("the manifest changed");
        return Optional.of(String.join(" and ", reasons));
    }
}
