package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.store.ImageDestination;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Writes the manifests bottom-up, changed only where their blobs or children changed; the root last, under the tag. */
final class ManifestWriter {
    private final ImageDestination to;
    private final ImageGraph graph;
    private final Map<Digest, Descriptor> stored;
    private final Map<Digest, Manifest> written = new HashMap<>();

    ManifestWriter(ImageDestination to, ImageGraph graph, Map<Digest, Descriptor> stored) {
        this.to = to;
        this.graph = graph;
        this.stored = stored;
    }

    Manifest write(Manifest root, Optional<String> tag, Optional<Referrers> referrers) throws IOException {
        Manifest result = prepare(root);
        if (referrers.isPresent() && !graph.referrers().isEmpty()) writeReferrers(result, referrers.get());
        to.putImage(result, tag);
        return result;
    }

    /**
     * The subject first (a registry may check it), then what refers to it, then the fallback tag.
     * Referrers of a manifest whose digest changed would refer to nothing here, so they stay behind.
     */
    private void writeReferrers(Manifest root, Referrers referrers) throws IOException {
        to.putManifest(root);
        for (Map.Entry<Digest, List<Descriptor>> entry : graph.referrers().entrySet()) {
            Manifest subject = written.get(entry.getKey());
            if (subject == null || !subject.digest().equals(entry.getKey())) continue;
            for (Descriptor referrer : entry.getValue()) to.putManifest(prepare(graph.manifest(referrer.digest())));
            referrers.announce(entry.getKey(), entry.getValue());
        }
    }

    private Manifest prepare(Manifest manifest) throws IOException {
        Manifest done = written.get(manifest.digest());
        if (done != null) return done;
        Manifest result = switch (manifest) {
            case ImageManifest image -> ManifestRewriter.rewrite(image, "layers", stored, Set.of());
            case ImageIndex index -> {
                List<Descriptor> kept = graph.keptChildren(index.digest());
                Map<Digest, Descriptor> children = new HashMap<>();
                for (Descriptor child : kept) {
                    Manifest childManifest = prepare(graph.manifest(child.digest()));
                    to.putManifest(childManifest);
                    children.put(child.digest(), childManifest.descriptor().withAnnotations(child.annotations()));
                }
                Set<Digest> dropped = new LinkedHashSet<>();
                index.manifests().stream().map(Descriptor::digest).filter(d -> !children.containsKey(d)).forEach(dropped::add);
                yield ManifestRewriter.rewrite(index, "manifests", children, dropped);
            }
            default -> throw new IllegalStateException("unexpected " + manifest.mediaType());
        };
        written.put(manifest.digest(), result);
        return result;
    }
}
