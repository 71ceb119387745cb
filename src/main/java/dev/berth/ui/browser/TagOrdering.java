package dev.berth.ui.browser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Placeholder for the semver-aware ordering from the browse layer. */
final class TagOrdering {
    static final Comparator<String> COMPARATOR = Comparator.naturalOrder();

    private TagOrdering() {}

    static List<String> sort(List<String> tags) {
        List<String> sorted = new ArrayList<>(tags);
        sorted.sort(COMPARATOR);
        return sorted;
    }
}
