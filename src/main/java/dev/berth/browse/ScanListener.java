package dev.berth.browse;

/**
 * Told what a {@link RepositoryScanner} found, as it finds it. Every call comes from the thread
 * that called {@code scan}, one at a time (never concurrently, never on the UI thread): the
 * scanner's workers hand their results to that thread, which passes them on in batches.
 *
 * <p>A UI overrides {@link #batch} and hands each batch to its own thread in one go; simpler
 * listeners override the per-item methods, which the default {@code batch} calls in order.
 */
public interface ScanListener {

    ScanListener NONE = new ScanListener() {};

    /** The tag list is known; digests and metadata follow. Called once, before any batch. */
    default void tagsListed(int count) {}

    default void tagResolved(TagInfo tag) {}

    /**
     * The registry listed {@code tag}, which is not a valid tag name: it is skipped, never requested
     * (it is also reported as a failure). Called before {@link #tagsListed}.
     */
    default void tagSkipped(String tag) {}

    default void imageLoaded(ImageSummary image) {}

    /** A tag or manifest could not be loaded; the scan goes on without it. */
    default void failed(String what, Exception cause) {}

    /**
     * What arrived since the previous batch, at most one batch per interval. An image may arrive
     * before or after the tags that point at it (two tags can share a digest), so join on digest.
     */
    default void batch(ScanBatch batch) {
        batch.tags().forEach(this::tagResolved);
        batch.images().forEach(this::imageLoaded);
        batch.failures().forEach(f -> failed(f.what(), f.cause()));
    }
}
