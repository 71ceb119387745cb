package dev.berth.ui.browser;

import java.util.function.Supplier;
import javafx.scene.control.Cell;

/**
 * Another feature's event handlers on the rows of the tree and the tag table (drag and drop):
 * installed once per row, which is reused for other items, so {@code shown} reads at event time
 * what the row shows — a registry, a repository or a tag — or {@link Selection#NONE} (a folder,
 * an invalid name, an empty row, local images).
 */
@FunctionalInterface
public interface RowHook {
    void install(Cell<?> row, Supplier<Selection> shown);
}
