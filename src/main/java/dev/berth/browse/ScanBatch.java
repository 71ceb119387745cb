package dev.berth.browse;

import java.util.List;
import java.util.Objects;

/**
 * Tags resolved, manifests summarised and failures since the previous batch of a scan, with the
 * progress so far. Within a batch an index comes after its children.
 */
public record ScanBatch(List<TagInfo> tags, List<ImageSummary> images, List<ScanFailure> failures, ScanProgress progress) {

    public ScanBatch {
        tags = List.copyOf(tags);
        images = List.copyOf(images);
        failures = List.copyOf(failures);
        Objects.requireNonNull(progress, "progress");
    }
}
