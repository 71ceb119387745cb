package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.work.Progress;
import java.util.Collection;

/** Counts a copy's progress and hands events to the listener one at a time, from whichever thread. */
final class CopyTally {

    private final Progress<TransferEvent> listener;
    private final long bytesTotal;
    private final int blobsTotal;
    private long bytesDone;
    private int blobsDone;
    private long bytesCopied;
    private int copied;
    private int skipped;
    private int mounted;

    CopyTally(Progress<TransferEvent> listener, Collection<Descriptor> blobs) {
        this.listener = listener;
        this.bytesTotal = blobs.stream().mapToLong(Descriptor::size).sum();
        this.blobsTotal = blobs.size();
    }

    synchronized void started(Descriptor blob) {
        listener.report(new TransferEvent.BlobStarted(blob));
    }

    synchronized void read(Descriptor blob, long bytesSoFar, long delta) {
        bytesDone += delta;
        listener.report(new TransferEvent.BlobBytes(blob, bytesSoFar));
        overall();
    }

    /** A blob that streamed: its bytes were counted as they were read. */
    synchronized void copied(Descriptor blob, Descriptor stored, long bytesRead) {
        copied++;
        blobsDone++;
        bytesCopied += blob.size();
        bytesDone += blob.size() - bytesRead; // a restarted upload reads some bytes twice; keep the total honest
        listener.report(new TransferEvent.BlobCopied(blob, stored));
        overall();
    }

    synchronized void skipped(Descriptor blob) {
        skipped++;
        blobsDone++;
        bytesDone += blob.size();
        listener.report(new TransferEvent.BlobSkipped(blob));
        overall();
    }

    synchronized void mounted(Descriptor blob) {
        mounted++;
        blobsDone++;
        bytesDone += blob.size();
        listener.report(new TransferEvent.BlobMounted(blob));
        overall();
    }

    private void overall() {
        listener.report(new TransferEvent.Overall(bytesDone, bytesTotal, blobsDone, blobsTotal));
    }

    synchronized long bytesCopied() {
        return bytesCopied;
    }

    synchronized int blobsCopied() {
        return copied;
    }

    synchronized int blobsSkipped() {
        return skipped;
    }

    synchronized int blobsMounted() {
        return mounted;
    }
}
