package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.store.ImageSource;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The image's manifests (each fetched once) and distinct blobs, with the index entries to keep. */
final class ImageGraph {
    final Manifest root;
    final Map<Digest, Manifest> manifests = new HashMap<>();
    final Map<Digest, List<Descriptor>> keptChildren = new HashMap<>();
    final Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
    /** What refers to each manifest that has referrers, subjects before the referrers that refer to them. */
    final Map<Digest, List<Descriptor>> referrers = new LinkedHashMap<>();
    /** The image is the one chosen platform's, taken out of its index. */
    final boolean unwrapped;
    boolean filtered;

    private ImageGraph(Manifest root, boolean unwrapped) {
        this.root = root;
        this.unwrapped = unwrapped;
    }

    static ImageGraph walk(ImageSource from, Manifest root, PlatformFilter filter, boolean unwrapped) throws IOException {
        ImageGraph graph = new ImageGraph(root, unwrapped);
        graph.add(from, root, filter);
        return graph;
    }

    /** Adds what refers to the image's manifests, and what refers to those, with their blobs. */
    void addReferrers(ImageSource from, Referrers lookup) throws IOException {
        PlatformFilter all = new PlatformFilter(List.of());
        Deque<Digest> subjects = new ArrayDeque<>(manifests.keySet());
        while (!subjects.isEmpty()) {
            Digest subject = subjects.poll();
            List<Descriptor> found = lookup.of(subject);
            if (found.isEmpty()) continue;
            referrers.put(subject, found);
            for (Descriptor referrer : found) {
                if (manifests.containsKey(referrer.digest())) continue;
                add(from, from.manifest(referrer.digest()), all);
                subjects.add(referrer.digest());
            }
        }
    }

    private void add(ImageSource from, Manifest manifest, PlatformFilter filter) throws IOException {
        manifests.put(manifest.digest(), manifest);
        switch (manifest) {
            case ImageIndex index -> {
                List<Descriptor> kept = filter.select(index);
                if (kept.size() != index.manifests().size()) filtered = true;
                keptChildren.put(index.digest(), kept);
                for (Descriptor child : kept) {
                    if (!manifests.containsKey(child.digest())) add(from, from.manifest(child.digest()), filter);
                }
            }
            case ImageManifest image -> image.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
            default -> throw new CopyException("The manifest " + manifest.digest() + " is a legacy schema 1 manifest, "
                    + "which Berth does not copy. Push the image again with a current Docker or Podman.");
        }
    }
}
