package dev.berth.ui.browser;

import java.util.function.Supplier;
import javafx.scene.control.Cell;

/**
 * Another feature's event handlers on the rows of the tree and the tag table (drag and drop):
 * installed once per row, which is reused for other items, so {@code shown} reads at event time
 * what the row shows — a {@link RegistryNode}, a {@link RepositoryNode}, a
 * {@link BrowserViewModel.TagSelection} — or null (a folder, an invalid name, an empty row).
 */
@FunctionalInterface
public interface RowHook {
    void install(Cell<?> row, Supplier<Object> shown);
}
