package dev.berth.browse;

/**
 * What a {@link RepositoryScanner} reports as it goes, through a {@link dev.berth.work.Progress}.
 * Every event comes from the thread that called {@code scan}, one at a time (never concurrently,
 * never on the UI thread): the scanner's workers hand their results to that thread, which passes
 * them on in batches, at most one {@link ScanBatch} per interval.
 */
public sealed interface ScanEvent permits ScanEvent.TagsListed, ScanEvent.TagSkipped, ScanBatch {

    /** The tag list is known; digests and metadata follow. Reported once, before any batch. */
    record TagsListed(int count) implements ScanEvent {}

    /**
     * The registry listed {@code tag}, which is not a valid tag name: it is skipped, never requested
     * (it is also reported as a failure). Reported before {@link TagsListed}.
     */
    record TagSkipped(String tag) implements ScanEvent {}
}
