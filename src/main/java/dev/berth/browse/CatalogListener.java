package dev.berth.browse;

/**
 * Told what a {@link CatalogLoader} found, in batches. Called on the thread that called the loader
 * (never the UI thread, never two calls at once), at most once per batch interval: a UI hands each
 * batch over to its own thread in one go.
 */
@FunctionalInterface
public interface CatalogListener {

    CatalogListener NONE = batch -> {};

    void batch(CatalogBatch batch);
}
