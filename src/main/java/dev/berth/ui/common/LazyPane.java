package dev.berth.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * A pane built the first time it is shown, on the FX thread, rather than with the window: the panes the first window
 * does not show (cleanup, tag details, …) cost the start a second of class loading and building on a busy machine.
 * Other features' additions to it ({@link #whenBuilt}) wait until it exists, so callers need not know whether it does.
 */
public final class LazyPane<T extends Node> {

    private final Supplier<? extends T> build;
    private final List<Consumer<? super T>> additions = new ArrayList<>();
    private T pane;

    public LazyPane(Supplier<? extends T> build) {
        this.build = Objects.requireNonNull(build);
    }

    /** The pane, built now if it was not yet, with every addition made so far applied in order. */
    public T get() {
        if (pane == null) {
            pane = Objects.requireNonNull(build.get(), "the pane's builder returned nothing");
            additions.forEach(addition -> addition.accept(pane));
            additions.clear();
        }
        return pane;
    }

    /** Applies {@code addition} to the pane: at once if it is built, else when it is. */
    public void whenBuilt(Consumer<? super T> addition) {
        if (pane != null) addition.accept(pane);
        else additions.add(Objects.requireNonNull(addition));
    }

    public boolean isBuilt() {
        return pane != null;
    }
}
