package dev.berth.graph;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a {@link ManifestWalker} reached: each manifest once, in the order fetched, and the distinct blobs of the images. */
public final class ManifestGraph {

    final Map<Digest, Manifest> manifests = new LinkedHashMap<>();
    final Map<Digest, List<Descriptor>> keptChildren = new LinkedHashMap<>();
    final Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
    final Map<Digest, List<Descriptor>> referrers = new LinkedHashMap<>();
    final Set<Digest> left = new LinkedHashSet<>();
    boolean filtered;

    ManifestGraph() {
    }

    /** Every manifest reached, by digest, in the order fetched (a parent before its children). */
    public Map<Digest, Manifest> manifests() {
        return Collections.unmodifiableMap(manifests);
    }

    /** The entries followed of each index reached. */
    public List<Descriptor> keptChildren(Digest index) {
        return keptChildren.getOrDefault(index, List.of());
    }

    /** The distinct blobs (configs and layers) of every image reached, in the order first seen. */
    public Map<Digest, Descriptor> blobs() {
        return Collections.unmodifiableMap(blobs);
    }

    /** What refers to each manifest that has referrers, subjects before the referrers that refer to them. */
    public Map<Digest, List<Descriptor>> referrers() {
        return Collections.unmodifiableMap(referrers);
    }

    /** Whether an index entry was left unfollowed. */
    public boolean filtered() {
        return filtered;
    }

    /** Digests the fetch gave nothing for (gone, or known to the caller already). */
    public Set<Digest> leftOut() {
        return Collections.unmodifiableSet(left);
    }

    boolean contains(Digest digest) {
        return manifests.containsKey(digest) || left.contains(digest);
    }
}
