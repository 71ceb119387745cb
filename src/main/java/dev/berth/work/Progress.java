package dev.berth.work;

/**
 * Where long work says how far it has got: the one progress model of Berth, instead of a listener
 * interface per feature.
 *
 * <p><b>Events.</b> A producer reports typed, immutable events, one {@link #report} call each. Each
 * producer defines its own event type next to itself, usually a sealed interface of records, so a
 * consumer switches over them exhaustively:
 * <ul>
 *   <li>{@link Amount}: a count of something done of a total (bytes of a blob, repositories listed),
 *       for work that has nothing more to say;</li>
 *   <li>{@code browse.CatalogBatch}: repositories and tag counts listed since the last batch;</li>
 *   <li>{@code browse.ScanEvent}: the tag list is known, an invalid tag was skipped, a
 *       {@code ScanBatch} of tags, images and failures;</li>
 *   <li>{@code cleanup.ApplyEvent}: a journal operation started, a deletion finished;</li>
 *   <li>{@code cleanup.Restored}: undo put one manifest back;</li>
 *   <li>{@code transfer.TransferEvent}: per blob (started, bytes, copied, skipped, mounted) and overall;</li>
 *   <li>{@code jobs.Job}: a job changed state or progress (the job is the handle a UI cancels and
 *       retries with; it reads the job's immutable snapshot when it draws).</li>
 * </ul>
 *
 * <p><b>Threads.</b> {@code report} is called on the producer's threads, never the UI thread, and it
 * must return quickly: each producer documents whether its calls may come from several threads at
 * once. Producers that can emit very often (a scan, a catalog) already batch what they emit at an
 * interval; a UI never applies events one {@code Platform.runLater} at a time but hands them to its
 * thread through a batcher ({@code ui.common.UiBatcher} is a {@code Progress} itself), which
 * delivers everything pending in one UI update.
 *
 * <p><b>No progress.</b> Callers that do not care pass {@link #none()}.
 */
@FunctionalInterface
public interface Progress<E> {

    void report(E event);

    /** Progress that goes nowhere. */
    @SuppressWarnings("unchecked")
    static <E> Progress<E> none() {
        return (Progress<E>) Nowhere.INSTANCE;
    }

    /** The shared no-op sink (an enum: one instance, whatever the event type). */
    enum Nowhere implements Progress<Object> {
        INSTANCE;

        @Override
        public void report(Object event) {}
    }
}
