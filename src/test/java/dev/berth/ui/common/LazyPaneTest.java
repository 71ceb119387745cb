package dev.berth.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;

class LazyPaneTest {

    @Test
    void isBuiltOnFirstUseOnlyAndOnce() {
        AtomicInteger built = new AtomicInteger();
        LazyPane<Pane> lazy = new LazyPane<>(() -> {
            built.incrementAndGet();
            return new Pane();
        });
        assertEquals(0, built.get(), "built before anyone needed it");
        assertFalse(lazy.isBuilt());

        Pane first = lazy.get();
        assertSame(first, lazy.get());
        assertEquals(1, built.get());
        assertTrue(lazy.isBuilt());
    }

    @Test
    void additionsMadeBeforeItIsBuiltWaitForItAndLaterOnesApplyAtOnce() {
        List<String> done = new ArrayList<>();
        LazyPane<Pane> lazy = new LazyPane<>(() -> {
            done.add("built");
            return new Pane();
        });
        lazy.whenBuilt(pane -> done.add("menu"));
        lazy.whenBuilt(pane -> done.add("row hook"));
        assertEquals(List.of(), done, "an addition built the pane");

        Pane pane = lazy.get();
        assertEquals(List.of("built", "menu", "row hook"), done, "in the order they were made, each once");

        lazy.whenBuilt(added -> done.add(added == pane ? "later" : "another pane"));
        lazy.get();
        assertEquals(List.of("built", "menu", "row hook", "later"), done);
    }
}
