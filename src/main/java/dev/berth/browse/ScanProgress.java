package dev.berth.browse;

/**
 * How far a scan has got, for a progress bar: tags looked up (resolved, or vanished since the
 * list) of those listed, and manifests done (summarised from the cache or the registry, or
 * failed) of the distinct ones found so far, index children included. {@code images} grows while
 * tags resolve, so the fraction may pause, but the done counts never go back.
 */
public record ScanProgress(int tags, int tagsDone, int images, int imagesDone, int failures) {

    public double fraction() {
        int total = tags + images;
        return total == 0 ? 1 : Math.min(1, (double) (tagsDone + imagesDone) / total);
    }
}
