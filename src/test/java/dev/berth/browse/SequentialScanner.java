package dev.berth.browse;

import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import dev.berth.work.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first, one-request-at-a-time {@link RepositoryScanner}, kept as the reference the concurrent
 * one must agree with: same tags, same digests, same summaries.
 */
final class SequentialScanner {

    /** This reference scanner counts nothing: its batches say how far it got as zeros. */
    private static final ScanProgress NOT_COUNTED = new ScanProgress(0, 0, 0, 0, 0);

    private final SummaryCache cache;

    SequentialScanner(SummaryCache cache) {
        this.cache = cache;
    }

    RepositorySnapshot scan(RegistryClient client, String repository, Progress<ScanEvent> listener) throws RegistryException {
        List<String> tagNames = client.tags(repository);
        listener.report(new ScanEvent.TagsListed(tagNames.size()));
        List<TagInfo> tags = new ArrayList<>();
        for (String tag : tagNames) {
            try {
                TagInfo info = new TagInfo(repository, tag, client.headManifest(repository, tag).digest());
                tags.add(info);
                listener.report(new ScanBatch(List.of(info), List.of(), List.of(), NOT_COUNTED));
            } catch (RegistryException.NotFound vanished) {
                // deleted between listing and lookup: not a tag any more
            }
        }
        Map<Digest, ImageSummary> images = new LinkedHashMap<>();
        for (TagInfo tag : tags) load(client, repository, tag.digest(), images, listener);
        return new RepositorySnapshot(client.host(), repository, tags, images);
    }

    private Optional<ImageSummary> load(RegistryClient client, String repository, Digest digest, Map<Digest, ImageSummary> images,
            Progress<ScanEvent> listener) throws RegistryException {
        if (images.containsKey(digest)) return Optional.of(images.get(digest));
        Optional<ImageSummary> cached = cache.get(client.host(), digest);
        if (cached.isPresent() && cached.get().children().isEmpty()) {
            images.put(digest, cached.get());
            listener.report(ScanBatch.found(List.of(cached.get()), List.of()));
            return cached;
        }
        try {
            Manifest manifest = client.manifest(repository, digest.toString()).manifest();
            ImageSummary summary;
            if (manifest instanceof ImageIndex index) {
                Map<Digest, ImageSummary> children = new LinkedHashMap<>();
                for (var child : index.manifests()) {
                    load(client, repository, child.digest(), images, listener).ifPresent(s -> children.put(child.digest(), s));
                }
                summary = ImageSummaries.ofIndex(digest, index, children);
            } else if (manifest instanceof ImageManifest image) {
                Optional<ImageConfig> config = image.isArtifact() ? Optional.empty()
                        : Optional.of(client.config(repository, image.config()));
                summary = ImageSummaries.ofImage(digest, image, config);
            } else {
                listener.report(ScanBatch.found(List.of(), List.of(new ScanFailure(repository + "@" + digest.shortHex(),
                        new RegistryException.Unsupported("legacy schema1 manifest: no sizes", 0, List.of())))));
                return Optional.empty();
            }
            cache.put(client.host(), summary);
            images.put(digest, summary);
            listener.report(ScanBatch.found(List.of(summary), List.of()));
            return Optional.of(summary);
        } catch (RegistryException.NotFound gone) {
            listener.report(ScanBatch.found(List.of(), List.of(new ScanFailure(repository + "@" + digest.shortHex(), gone)))); // e.g. an index child deleted on its own (T7)
            return Optional.empty();
        }
    }
}
