package dev.berth.jobs;

import dev.berth.transfer.TransferEvent;
import dev.berth.work.Amount;
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
    private Amount.Unit unit = Amount.Unit.BYTES;

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

    /** Feeds counted work (manifests deleted of those planned) into this progress: the bar follows it, with no rate. */
    public Progress<Amount> amountProgress() {
        return amount -> {
            synchronized (this) {
                unit = amount.unit();
            }
            int done = (int) Math.min(Integer.MAX_VALUE, amount.done());
            overall(amount.done(), amount.total(), done, (int) Math.min(Integer.MAX_VALUE, amount.total()));
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
        return new View(bytesDone, bytesTotal, itemsDone, itemsTotal, rate, eta, List.copyOf(layers.values()), unit);
    }

    private double rate() {
        if (samples.size() < 2 || !unit.equals(Amount.Unit.BYTES)) return 0; // a rate of manifests says nothing useful
        long[] first = samples.getFirst();
        long[] last = samples.getLast();
        long elapsed = last[0] - first[0];
        return elapsed <= 0 ? 0 : (last[1] - first[1]) * 1e9 / elapsed;
    }

    /**
     * A consistent reading of the progress. For counted work ({@code unit} other than bytes) the
     * "bytes" fields hold the count, and there is no rate.
     */
    public record View(long bytesDone, long bytesTotal, int itemsDone, int itemsTotal, double bytesPerSecond, Optional<Duration> eta,
            List<LayerProgress> layers, Amount.Unit unit) {

        static final View NONE = new View(0, 0, 0, 0, 0, Optional.empty(), List.of(), Amount.Unit.BYTES);

        public View {
            layers = List.copyOf(layers);
        }

        public boolean countsBytes() {
            return unit.equals(Amount.Unit.BYTES);
        }

        /** "3 of 4 manifests deleted", "0 of 1 manifest deleted". */
        public String amountWords() {
            return new Amount(bytesDone, bytesTotal, unit).words();
        }

        /** 0..1, or -1 while the total is not known yet. */
        public double fraction() {
            return bytesTotal <= 0 ? -1 : Math.min(1, (double) bytesDone / bytesTotal);
        }
    }
}
