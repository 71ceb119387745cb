package dev.berth.work;

/** Told how far a transfer has got; called often, from the transferring thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> {};

    void progressed(long bytesDone, long bytesTotal);
}
