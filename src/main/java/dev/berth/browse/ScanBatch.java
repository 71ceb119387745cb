package dev.berth.browse;

import java.util.List;
import java.util.Objects;

/**
 * Tags resolved, manifests summarised and failures since the previous batch of a scan, with the
 * progress so far. Within a batch an index comes after its children. An image may arrive before or
 * after the tags that point at it (two tags can share a digest), so join on digest.
 */
public record ScanBatch(List<TagInfo> tags, List<ImageSummary> images, List<ScanFailure> failures, ScanProgress progress)
        implements ScanEvent {

    public ScanBatch {
        tags = List.copyOf(tags);
        images = List.copyOf(images);
        failures = List.copyOf(failures);
        Objects.requireNonNull(progress, "progress");
    }

    /** Images and failures found outside a tag scan (referrers, a repository skipped): all of them done. */
    public static ScanBatch found(List<ImageSummary> images, List<ScanFailure> failures) {
        return new ScanBatch(List.of(), images, failures, new ScanProgress(0, 0, images.size(), images.size(), failures.size()));
    }
}
