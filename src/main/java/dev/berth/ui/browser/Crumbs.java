package dev.berth.ui.browser;

import java.util.ArrayList;
import java.util.List;

/** The breadcrumb of a selection: registry › namespace › repository › tag. */
public final class Crumbs {

    /** One step: its words, and where clicking it goes (a namespace filters the tree to its repositories). */
    public record Crumb(String label, Object target, String namespace) {
        @Override
        public String toString() {
            return label;
        }
    }

    private Crumbs() {}

    public static List<Crumb> of(Object selection) {
        List<Crumb> crumbs = new ArrayList<>();
        switch (selection) {
            case RegistryNode registry -> crumbs.add(registry(registry));
            case RepositoryNode repository -> repository(crumbs, repository);
            case BrowserViewModel.TagSelection tag -> {
                repository(crumbs, tag.repository());
                crumbs.add(new Crumb(tag.tag(), tag, ""));
            }
            case null, default -> { }
        }
        return crumbs;
    }

    private static Crumb registry(RegistryNode registry) {
        return new Crumb(registry.displayName(), registry, "");
    }

    private static void repository(List<Crumb> crumbs, RepositoryNode repository) {
        crumbs.add(registry(repository.registry()));
        String name = repository.name();
        int slash = name.lastIndexOf('/');
        if (slash > 0) crumbs.add(new Crumb(name.substring(0, slash), repository.registry(), name.substring(0, slash) + "/"));
        crumbs.add(new Crumb(slash > 0 ? name.substring(slash + 1) : name, repository, ""));
    }
}
