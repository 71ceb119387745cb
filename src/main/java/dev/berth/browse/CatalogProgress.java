package dev.berth.browse;

/**
 * How far a {@link CatalogLoader} has got, for a progress bar: repositories listed so far, how
 * many of them are to be counted (all of them, or none when counting is off) and how many have a
 * tag count or a failure, and whether the catalog has ended (its last page arrived, or it stopped
 * on an error), after which no more repositories come.
 */
public record CatalogProgress(int repositories, int toCount, int counted, int failed, boolean catalogEnded) {

    /** Between 0 and 1; stays below 1 until the catalog has ended, since more repositories may follow. */
    public double fraction() {
        if (toCount == 0) return catalogEnded ? 1 : 0;
        double done = (double) (counted + failed) / toCount;
        return catalogEnded ? done : Math.min(done, 0.99);
    }

    /** True when nothing more will arrive. */
    public boolean isDone() {
        return catalogEnded && counted + failed == toCount;
    }
}
