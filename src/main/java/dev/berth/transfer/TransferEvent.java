package dev.berth.transfer;

import dev.berth.domain.Descriptor;

/**
 * What a copy reports as it goes: per blob (started, bytes, copied, skipped, mounted) and, after
 * each of those, the copy's overall progress. One stream per copy, for the CLI's progress line and
 * the app's jobs, through a {@link dev.berth.work.Progress}. The engine reports them one at a time
 * (from the copying threads, serialised), so a sink needs no locking but must be quick.
 */
public sealed interface TransferEvent {

    /** A blob begins to stream from the source. */
    record BlobStarted(Descriptor blob) implements TransferEvent {}

    /** {@code bytesSoFar} of the blob's {@code blob.size()} bytes have been read from the source. */
    record BlobBytes(Descriptor blob, long bytesSoFar) implements TransferEvent {}

    /** The blob is stored at the destination ({@code stored} differs from {@code blob} when it was compressed on the way). */
    record BlobCopied(Descriptor blob, Descriptor stored) implements TransferEvent {}

    /** The destination had the blob already. */
    record BlobSkipped(Descriptor blob) implements TransferEvent {}

    /** The registry linked the blob from the source repository: no data moved. */
    record BlobMounted(Descriptor blob) implements TransferEvent {}

    /** The whole copy: bytes read or accounted for (skipped, mounted) and blobs finished, of the totals. */
    record Overall(long bytesDone, long bytesTotal, int blobsDone, int blobsTotal) implements TransferEvent {}
}
