package dev.berth.browse;

import java.util.List;

/**
 * What a registry overview can say at one moment: counts from the catalog, and images, size and
 * recent pushes from the repositories scanned so far. Every figure says how complete it is, so a
 * view can mark a partial one ("so far", "of N repositories scanned") instead of passing it off
 * as the whole registry.
 *
 * @param repositories        repositories known (listed by the catalog, added by hand, or scanned)
 * @param catalogEnded        no more repositories will be listed
 * @param tags                tags in the repositories whose tags were counted or scanned
 * @param repositoriesCounted repositories whose tag count is known
 * @param repositoriesScanned repositories whose tags and images were read
 * @param repositoriesFailed  repositories that could not be scanned (left out of the figures)
 * @param images              distinct manifests the scanned tags point at (a digest in two repositories counts once)
 * @param sizeAsPulled        compressed bytes of the distinct blobs (configs and layers) of those images, each blob once
 * @param recentPushes        the newest tags by image creation date, newest first
 */
public record RegistryFigures(int repositories, boolean catalogEnded, long tags, int repositoriesCounted, int repositoriesScanned,
        int repositoriesFailed, int images, long sizeAsPulled, List<RecentPush> recentPushes) {

    public static final RegistryFigures NONE = new RegistryFigures(0, false, 0, 0, 0, 0, 0, 0, List.of());

    public RegistryFigures {
        recentPushes = List.copyOf(recentPushes);
    }

    /** True when every repository's tags were counted: {@link #tags} is the whole registry's. */
    public boolean tagsComplete() {
        return catalogEnded && repositoriesCounted >= repositories;
    }

    /** True when every repository was scanned: images, size and recent pushes cover the whole registry. */
    public boolean scanComplete() {
        return catalogEnded && repositoriesScanned + repositoriesFailed >= repositories;
    }

    /** Between 0 and 1: the share of known repositories scanned or failed. */
    public double scanFraction() {
        return repositories == 0 ? (catalogEnded ? 1 : 0) : Math.min(1, (double) (repositoriesScanned + repositoriesFailed) / repositories);
    }
}
