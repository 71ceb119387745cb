package dev.berth.jobs;

import dev.berth.transfer.TransferEvent;
import dev.berth.work.Progress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How far one attempt of a job has got: per blob and overall, with the rate over the last few
 * seconds and the time left at that rate. Written by the job's threads, read by whoever shows it.
 */
public final class JobProgress {

    private static final long RATE_WINDOW = Duration.ofSeconds(5).toNanos();

    private final LongSupplier nanos;
    private final Runnable changed;
    private final Map<String, LayerProgress> layers = new LinkedHashMap<>();
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private long bytesDone;
    private long bytesTotal;
    private int itemsDone;
    private int itemsTotal;

    /** {@code changed} is told after each update (the job service throttles what it passes on). */
    JobProgress(LongSupplier nanos, Runnable changed) {
        this.nanos = nanos;
        this.changed = changed;
    }

    /** Progress that goes nowhere, for work run outside the service. */
    public static JobProgress detached() {
        return new JobProgress(System::nanoTime, () -> {});
    }

    /** Feeds a copy's events into this progress. */
    public Progress<TransferEvent> transferProgress() {
        return event -> {
            switch (event) {
                case TransferEvent.BlobStarted e -> layer(e.blob().digest().toString(), e.blob().size(), 0, LayerProgress.State.MOVING);
                case TransferEvent.BlobBytes e -> layer(e.blob().digest().toString(), e.blob().size(), e.bytesSoFar(), LayerProgress.State.MOVING);
                case TransferEvent.BlobCopied e -> layer(e.blob().digest().toString(), e.blob().size(), e.blob().size(), LayerProgress.State.COPIED);
                case TransferEvent.BlobSkipped e -> layer(e.blob().digest().toString(), e.blob().size(), e.blob().size(),
                        LayerProgress.State.ALREADY_THERE);
                case TransferEvent.BlobMounted e -> layer(e.blob().digest().toString(), e.blob().size(), e.blob().size(), LayerProgress.State.MOUNTED);
                case TransferEvent.Overall e -> overall(e.bytesDone(), e.bytesTotal(), e.blobsDone(), e.blobsTotal());
            }
        };
    }

    /** One item (a blob, a repository) of the work, {@code done} of {@code size} bytes. */
    public void layer(String id, long size, long done, LayerProgress.State state) {
        synchronized (this) {
            layers.put(id, new LayerProgress(id, size, done, state));
        }
        changed.run();
    }

    /** The whole: bytes (or items, for work that counts no bytes) done of the total. */
    public void overall(long done, long total, int itemsDoneNow, int itemsTotalNow) {
        synchronized (this) {
            bytesDone = done;
            bytesTotal = total;
            itemsDone = itemsDoneNow;
            itemsTotal = itemsTotalNow;
            long now = nanos.getAsLong();
            samples.addLast(new long[] {now, done});
            while (samples.size() > 2 && now - samples.getFirst()[0] > RATE_WINDOW) samples.removeFirst();
        }
        changed.run();
    }

    /** What a row shows now. */
    public synchronized View view() {
        double rate = rate();
        Optional<Duration> eta = rate > 0 && bytesTotal > bytesDone
                ? Optional.of(Duration.ofMillis((long) ((bytesTotal - bytesDone) / rate * 1000)))
                : Optional.empty();
        return new View(bytesDone, bytesTotal, itemsDone, itemsTotal, rate, eta, List.copyOf(layers.values()));
    }

    private double rate() {
        if (samples.size() < 2) return 0;
        long[] first = samples.getFirst();
        long[] last = samples.getLast();
        long elapsed = last[0] - first[0];
        return elapsed <= 0 ? 0 : (last[1] - first[1]) * 1e9 / elapsed;
    }

    /** A consistent reading of the progress. */
    public record View(long bytesDone, long bytesTotal, int itemsDone, int itemsTotal, double bytesPerSecond, Optional<Duration> eta,
            List<LayerProgress> layers) {

        static final View NONE = new View(0, 0, 0, 0, 0, Optional.empty(), List.of());

        public View {
            layers = List.copyOf(layers);
        }

        /** 0..1, or -1 while the total is not known yet. */
        public double fraction() {
            return bytesTotal <= 0 ? -1 : Math.min(1, (double) bytesDone / bytesTotal);
        }
    }
}
