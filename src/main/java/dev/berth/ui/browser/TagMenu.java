package dev.berth.ui.browser;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;

/**
 * Menu items another feature adds wherever a tag has a menu (table, tree, details): fresh items per
 * menu, each reading the tag when it is clicked.
 */
@FunctionalInterface
public interface TagMenu {
    List<MenuItem> items(Supplier<Optional<Selection.OfTag>> tag);
}
