package dev.berth.transfer;

import java.util.function.LongSupplier;

/**
 * Turns the reads of one blob (8 KiB each from an HTTP body) into progress reports of at least
 * {@link #STEP_BYTES}, or after {@link #INTERVAL_NANOS} when the bytes trickle in, and always at the blob's last
 * byte. One report per read was 131,072 synchronized events per GiB, four streams contending for the
 * copy's one {@link Progress}; a progress bar needs a few dozen a second. Used by the one thread reading the blob.
 */
final class ReadReports {

    static final long STEP_BYTES = 256 * 1024;
    static final long INTERVAL_NANOS = 100_000_000L;

    /** Receives the bytes read so far and those read since the last report. */
    @FunctionalInterface
    interface Sink {
        void report(long bytesSoFar, long delta);
    }

    private final long blobSize;
    private final Sink sink;
    private final LongSupplier nanoClock;
    private long read;
    private volatile long reported; // read by the thread that opened the blob once the copy is done
    private long reportedAt;

    ReadReports(long blobSize, Sink sink, LongSupplier nanoClock) {
        this.blobSize = blobSize;
        this.sink = sink;
        this.nanoClock = nanoClock;
        this.reportedAt = nanoClock.getAsLong();
    }

    void read(long bytes) {
        read += bytes;
        long pending = read - reported;
        if (pending >= STEP_BYTES || read >= blobSize || nanoClock.getAsLong() - reportedAt >= INTERVAL_NANOS) {
            reported = read;
            reportedAt = nanoClock.getAsLong();
            sink.report(read, pending);
        }
    }

    /** The bytes handed on in reports; what was read since the last one is not counted yet. */
    long reported() {
        return reported;
    }
}
