package dev.berth.ui.browser;

import java.util.ArrayList;
import java.util.List;

/** The breadcrumb of a selection: registry › namespace › repository › tag. */
public final class Crumbs {

    /** One step: its words, and where clicking it goes (a namespace filters the tree to its repositories). */
    public record Crumb(String label, Selection target, String namespace) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final String LOCAL_IMAGES = "Local images";

    private Crumbs() {}

    public static List<Crumb> of(Selection selection) {
        List<Crumb> crumbs = new ArrayList<>();
        switch (selection) {
            case Selection.None none -> { }
            case Selection.OfRegistry registry -> crumbs.add(registry(registry.registry()));
            case Selection.OfRepository repository -> repository(crumbs, repository.repository());
            case Selection.OfTag tag -> {
                repository(crumbs, tag.repository());
                crumbs.add(new Crumb(tag.tag(), tag, ""));
            }
            case Selection.OfLocalImages images -> crumbs.add(new Crumb(LOCAL_IMAGES, images, ""));
            case Selection.OfLocalImage image -> {
                crumbs.add(new Crumb(LOCAL_IMAGES, Selection.of(image.images()), ""));
                LocalImagesNode.Entry entry = image.image();
                crumbs.add(new Crumb(entry.repository().isEmpty() ? "untagged" : entry.repository(), image, ""));
                crumbs.add(new Crumb(entry.label(), image, ""));
            }
        }
        return crumbs;
    }

    private static Crumb registry(RegistryNode registry) {
        return new Crumb(registry.displayName(), Selection.of(registry), "");
    }

    private static void repository(List<Crumb> crumbs, RepositoryNode repository) {
        crumbs.add(registry(repository.registry()));
        String name = repository.name();
        int slash = name.lastIndexOf('/');
        if (slash > 0) crumbs.add(new Crumb(name.substring(0, slash), Selection.of(repository.registry()), name.substring(0, slash) + "/"));
        crumbs.add(new Crumb(slash > 0 ? name.substring(slash + 1) : name, Selection.of(repository), ""));
    }
}
