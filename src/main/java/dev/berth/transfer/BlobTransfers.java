package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.work.CancelSignal;
import dev.berth.work.FanOut;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.store.RegistryStore;
import dev.berth.store.TransferStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Moves the blobs: skipped, mounted, compressed or streamed; a bounded number at once. */
final class BlobTransfers {
    private final ImageSource from;
    private final ImageDestination to;
    private final CopyOptions options;
    private final CancelSignal cancel;
    private CancelSignal stop;
    private final CopyTally progress;
    private final Path scratch;
    private final Map<Digest, Descriptor> stored = new ConcurrentHashMap<>();

    BlobTransfers(ImageSource from, ImageDestination to, CopyOptions options, CancelSignal cancel, CopyTally progress, Path scratch) {
        this.from = from;
        this.to = to;
        this.options = options;
        this.cancel = cancel;
        this.progress = progress;
        this.scratch = scratch;
    }

    Map<Digest, Descriptor> run(Collection<Descriptor> blobs) throws IOException {
        try (FanOut work = FanOut.open("berth-copy-", options.parallelism(), cancel)) {
            stop = work.stop(); // the first failure stops the other blobs' streams
            for (Descriptor blob : blobs) work.submit(() -> {
                transfer(blob);
                return null;
            });
            work.await(IOException.class);
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
        if (mountable() && ((RegistryStore) to).mountBlob(blob.digest(), ((RegistryStore) from).name())) {
            progress.mounted(blob);
            return;
        }
        progress.started(blob);
        AtomicReference<ReadReports> attempt = new AtomicReference<>();
        SourceStream source = new SourceStream(from, blob);
        try {
            // The source verifies what it sends (ImageSource#openBlob), so the destination need not hash it again.
            to.putBlob(blob, ImageDestination.BlobContent.fromSource(() -> counted(blob, source.open(), attempt)));
        } catch (IOException e) {
            throw explain(blob, e, source);
        }
        progress.copied(blob, blob, attempt.get() == null ? 0 : attempt.get().reported());
    }

    /** Gzip to a scratch file first: the new digest must be known before the upload starts. */
    private void transferCompressed(Descriptor blob) throws IOException {
        progress.started(blob);
        AtomicReference<ReadReports> attempt = new AtomicReference<>();
        SourceStream source = new SourceStream(from, blob);
        LayerGzip.Compressed compressed;
        Files.createDirectories(scratch);
        try {
            compressed = LayerGzip.compress(blob, counted(blob, source.open(), attempt), scratch);
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
            progress.copied(blob, gzipped, attempt.get().reported());
        } finally {
            Files.deleteIfExists(compressed.file());
        }
    }

    /** {@code source} reporting its reads; each opening (an upload may restart) counts afresh in {@code attempt}. */
    private InputStream counted(Descriptor blob, InputStream source, AtomicReference<ReadReports> attempt) {
        ReadReports reports = new ReadReports(blob.size(), (soFar, delta) -> progress.read(blob, soFar, delta), System::nanoTime);
        attempt.set(reports);
        return new TransferStream(source, stop, reports::read);
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
