package dev.berth.registry;

import java.util.List;
import java.util.Optional;

/** One page of a paginated list (catalog or tags), with the link to the next page if any. */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean isLast() {
        return next.isEmpty();
    }
}
