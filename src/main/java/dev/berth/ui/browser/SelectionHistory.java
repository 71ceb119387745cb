package dev.berth.ui.browser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/** Back and Forward over what was selected, as in a web browser: a new selection drops the forward list. */
public final class SelectionHistory {

    private static final int LIMIT = 200;

    private final Deque<Selection> back = new ArrayDeque<>();
    private final Deque<Selection> forward = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canGoForward = new ReadOnlyBooleanWrapper(false);

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }

    /** The person moved from {@code left} to something new. */
    void left(Selection left) {
        back.push(left);
        if (back.size() > LIMIT) back.removeLast();
        forward.clear();
        update();
    }

    /** The selection before {@code current} that still {@code exists}; {@code current} goes on the forward list. */
    Optional<Selection> back(Selection current, Predicate<Selection> exists) {
        return step(back, forward, current, exists);
    }

    Optional<Selection> forward(Selection current, Predicate<Selection> exists) {
        return step(forward, back, current, exists);
    }

    private Optional<Selection> step(Deque<Selection> from, Deque<Selection> to, Selection current, Predicate<Selection> exists) {
        while (!from.isEmpty()) {
            Selection target = from.pop();
            if (!exists.test(target)) continue; // its connection was removed meanwhile
            if (!(current instanceof Selection.None)) to.push(current);
            update();
            return Optional.of(target);
        }
        update();
        return Optional.empty();
    }

    private void update() {
        canGoBack.set(!back.isEmpty());
        canGoForward.set(!forward.isEmpty());
    }
}
