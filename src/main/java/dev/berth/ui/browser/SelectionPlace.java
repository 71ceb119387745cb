package dev.berth.ui.browser;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the browser stood, by name rather than by node: a saved connection and, in it, maybe a repository and a
 * tag. Remembered when the window closes and looked for again at the next start, once that connection has loaded.
 * The local engine's images are not remembered: the engine may be gone by then.
 */
public record SelectionPlace(String connectionId, Optional<String> repository, Optional<String> tag) {

    public SelectionPlace {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        if (tag.isPresent() && repository.isEmpty()) throw new IllegalArgumentException("a tag needs its repository");
    }

    /** The place of {@code selection}; empty for nothing selected and for the local engine's images. */
    public static Optional<SelectionPlace> of(Selection selection) {
        return switch (selection) {
            case Selection.OfRegistry r -> Optional.of(new SelectionPlace(r.registry().id(), Optional.empty(), Optional.empty()));
            case Selection.OfRepository r -> Optional.of(new SelectionPlace(r.repository().registry().id(),
                    Optional.of(r.repository().name()), Optional.empty()));
            case Selection.OfTag t -> Optional.of(new SelectionPlace(t.repository().registry().id(),
                    Optional.of(t.repository().name()), Optional.of(t.tag())));
            case Selection.None none -> Optional.empty();
            case Selection.OfLocalImages images -> Optional.empty();
            case Selection.OfLocalImage image -> Optional.empty();
        };
    }
}
