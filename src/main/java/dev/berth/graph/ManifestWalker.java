package dev.berth.graph;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Walks the graph under an image wherever it lives: an index to the children it keeps, each
 * manifest fetched once, to the blobs of every image; and on request to what refers to each
 * manifest (signatures, SBOMs, attestations) and what refers to those. Where the manifests come
 * from (a registry, a layout, an archive) is the caller's {@link Fetch}, so browsing, cleanup and
 * the transfer engine share one walk without depending on each other.
 *
 * @param <E> what fetching may fail with
 */
public final class ManifestWalker<E extends Exception> {

    /** Reads a manifest by digest; empty leaves it out of the walk (gone, or known already). */
    @FunctionalInterface
    public interface Fetch<E extends Exception> {
        Optional<Manifest> manifest(Digest digest) throws E;
    }

    /** The entries of an index to follow (a platform filter may refuse an index by throwing). */
    @FunctionalInterface
    public interface Children<E extends Exception> {
        List<Descriptor> of(ImageIndex index) throws E;

        static <E extends Exception> Children<E> all() {
            return ManifestWalker::children;
        }

        /** Indexes are not descended into: only what the walk reaches otherwise is fetched. */
        static <E extends Exception> Children<E> none() {
            return index -> List.of();
        }
    }

    /** What refers to a manifest. */
    @FunctionalInterface
    public interface Referrers<E extends Exception> {
        List<Descriptor> of(Digest subject) throws E;
    }

    /** Told of each manifest as it is fetched, before its children: may refuse one (a legacy format) by throwing. */
    @FunctionalInterface
    public interface Visitor<E extends Exception> {
        void visit(Manifest manifest) throws E;

        static <E extends Exception> Visitor<E> none() {
            return manifest -> {};
        }
    }

    /**
     * The manifests {@code manifest} names below it when nothing is filtered: an index's entries, in
     * its order; an image or a schema1 manifest names none (an image's descriptors are blobs). The
     * one definition browsing, cleanup and the transfer engine follow; a walk may keep fewer.
     */
    public static List<Descriptor> children(Manifest manifest) {
        return manifest instanceof ImageIndex index ? index.manifests() : List.of();
    }

    private final Fetch<E> fetch;
    private final Visitor<? extends E> visitor;

    public ManifestWalker(Fetch<E> fetch, Visitor<? extends E> visitor) {
        this.fetch = fetch;
        this.visitor = visitor;
    }

    public ManifestWalker(Fetch<E> fetch) {
        this(fetch, Visitor.none());
    }

    /** Everything under {@code root}, following the index entries {@code children} keeps. */
    public ManifestGraph walk(Manifest root, Children<? extends E> children) throws E {
        ManifestGraph graph = new ManifestGraph();
        add(graph, root, children);
        return graph;
    }

    /**
     * Adds to {@code graph} what refers to its manifests and what refers to those, up to
     * {@code depth} steps away (1: only the referrers of the manifests in it), with everything under
     * each referrer. Subjects come before the referrers that refer to them.
     */
    public void addReferrers(ManifestGraph graph, Referrers<? extends E> lookup, int depth) throws E {
        addReferrers(graph, List.copyOf(graph.manifests().keySet()), lookup, depth, Children.<E>all());
    }

    /**
     * What refers to {@code subjects} (which are not fetched), as {@link #addReferrers}, following
     * {@code children} under each referrer.
     */
    public ManifestGraph referrersOf(Collection<Digest> subjects, Referrers<? extends E> lookup, int depth,
            Children<? extends E> children) throws E {
        ManifestGraph graph = new ManifestGraph();
        addReferrers(graph, subjects, lookup, depth, children);
        return graph;
    }

    private void addReferrers(ManifestGraph graph, Collection<Digest> subjects, Referrers<? extends E> lookup, int depth,
            Children<? extends E> children) throws E {
        record Subject(Digest digest, int distance) {}
        Deque<Subject> queue = new ArrayDeque<>();
        subjects.forEach(s -> queue.add(new Subject(s, 0)));
        while (!queue.isEmpty()) {
            Subject subject = queue.poll();
            if (subject.distance() >= depth) continue;
            List<Descriptor> found = lookup.of(subject.digest());
            if (found.isEmpty()) continue;
            graph.referrers.put(subject.digest(), List.copyOf(found));
            for (Descriptor referrer : found) {
                if (graph.contains(referrer.digest())) continue;
                Optional<Manifest> manifest = fetchOnce(graph, referrer.digest());
                if (manifest.isEmpty()) continue;
                add(graph, manifest.get(), children);
                queue.add(new Subject(referrer.digest(), subject.distance() + 1));
            }
        }
    }

    private void add(ManifestGraph graph, Manifest manifest, Children<? extends E> children) throws E {
        visitor.visit(manifest);
        graph.manifests.put(manifest.digest(), manifest);
        switch (manifest) {
            case ImageIndex index -> {
                List<Descriptor> kept = children.of(index);
                if (kept.size() != index.manifests().size()) graph.filtered = true;
                graph.keptChildren.put(index.digest(), List.copyOf(kept));
                for (Descriptor child : kept) {
                    if (graph.contains(child.digest())) continue;
                    Optional<Manifest> fetched = fetchOnce(graph, child.digest());
                    if (fetched.isPresent()) add(graph, fetched.get(), children);
                }
            }
            case ImageManifest image -> image.blobs().forEach(blob -> graph.blobs.putIfAbsent(blob.digest(), blob));
            default -> { } // schema1 names no descriptors to follow
        }
    }

    private Optional<Manifest> fetchOnce(ManifestGraph graph, Digest digest) throws E {
        Optional<Manifest> manifest = fetch.manifest(digest);
        if (manifest.isEmpty()) graph.left.add(digest);
        return manifest;
    }
}
