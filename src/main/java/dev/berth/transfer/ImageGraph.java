package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import dev.berth.domain.Schema1Manifest;
import dev.berth.graph.ManifestGraph;
import dev.berth.graph.ManifestWalker;
import dev.berth.store.ImageSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The image's manifests (each fetched once) and distinct blobs, with the index entries to keep. */
final class ImageGraph {
    final Manifest root;
    /** The image is the one chosen platform's, taken out of its index. */
    final boolean unwrapped;
    private final ManifestWalker<IOException> walker;
    private final ManifestGraph graph;

    private ImageGraph(Manifest root, boolean unwrapped, ManifestWalker<IOException> walker, ManifestGraph graph) {
        this.root = root;
        this.unwrapped = unwrapped;
        this.walker = walker;
        this.graph = graph;
    }

    static ImageGraph walk(ImageSource from, Manifest root, PlatformFilter filter, boolean unwrapped) throws IOException {
        ManifestWalker<IOException> walker = new ManifestWalker<>(digest -> Optional.of(from.manifest(digest)), ImageGraph::copyable);
        return new ImageGraph(root, unwrapped, walker, walker.walk(root, filter::select));
    }

    /** Adds what refers to the image's manifests, and what refers to those, with their blobs. */
    void addReferrers(Referrers lookup) throws IOException {
        walker.addReferrers(graph, lookup::of, Integer.MAX_VALUE);
    }

    Manifest manifest(Digest digest) {
        return graph.manifests().get(digest);
    }

    List<Descriptor> keptChildren(Digest index) {
        return graph.keptChildren(index);
    }

    Map<Digest, Descriptor> blobs() {
        return graph.blobs();
    }

    /** What refers to each manifest that has referrers, subjects before the referrers that refer to them. */
    Map<Digest, List<Descriptor>> referrers() {
        return graph.referrers();
    }

    /** Platforms were left out of an index. */
    boolean filtered() {
        return graph.filtered();
    }

    private static void copyable(Manifest manifest) throws CopyException {
        if (manifest instanceof Schema1Manifest) {
            throw new CopyException("The manifest " + manifest.digest() + " is a legacy schema 1 manifest, "
                    + "which Berth does not copy. Push the image again with a current Docker or Podman.");
        }
    }
}
