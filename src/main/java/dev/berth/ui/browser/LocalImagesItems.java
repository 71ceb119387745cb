package dev.berth.ui.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The "Local images" node of the tree, last among the top nodes, present only while an engine
 * answers: repositories with their tags, then the untagged images by short id.
 */
final class LocalImagesItems {

    private final BrowserViewModel viewModel;
    private final TreeView<Object> tree;
    private final TreeItem<Object> item;
    Function<LocalImagesNode.Entry, List<MenuItem>> menu = image -> List.of();

    LocalImagesItems(BrowserViewModel viewModel, TreeView<Object> tree) {
        this.viewModel = viewModel;
        this.tree = tree;
        this.item = new TreeItem<>(viewModel.localImages());
    }

    void bind() {
        LocalImagesNode node = viewModel.localImages();
        node.groups().addListener((ListChangeListener<LocalImagesNode.Group>) change -> rebuild());
        node.engineProperty().addListener((obs, old, engine) -> rebuild());
        rebuild();
    }

    boolean shown() {
        return tree.getRoot().getChildren().contains(item);
    }

    private void rebuild() {
        boolean answers = !viewModel.localImages().engineProperty().get().isEmpty();
        if (!answers) {
            tree.getRoot().getChildren().remove(item);
            return;
        }
        List<TreeItem<Object>> groups = new ArrayList<>();
        for (LocalImagesNode.Group group : viewModel.localImages().groups()) {
            TreeItem<Object> groupItem = new TreeItem<>(group);
            for (LocalImagesNode.Entry entry : group.entries()) groupItem.getChildren().add(new TreeItem<>(entry));
            groups.add(groupItem);
        }
        item.getChildren().setAll(groups);
        if (!shown()) tree.getRoot().getChildren().add(item);
        tree.refresh(); // the node's count and tooltip
    }

    /** Selects the item showing {@code value}: the node or one of its images. */
    void reveal(Object value) {
        TreeItem<Object> target = value == item.getValue() ? item : item.getChildren().stream()
                .flatMap(group -> group.getChildren().stream()).filter(child -> child.getValue().equals(value)).findFirst().orElse(null);
        if (target == null || tree.getSelectionModel().getSelectedItem() == target) return;
        if (target.getParent() != null) target.getParent().setExpanded(true);
        item.setExpanded(true);
        tree.getSelectionModel().select(target);
    }

    ContextMenu nodeMenu() {
        MenuItem refresh = new MenuItem("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("tree-local-refresh");
        refresh.setOnAction(e -> viewModel.refreshLocalImages());
        return new ContextMenu(refresh);
    }

    ContextMenu imageMenu(LocalImagesNode.Entry image) {
        MenuItem copy = new MenuItem("Copy name");
        copy.setOnAction(e -> Clipboards.copy(image.name()));
        ContextMenu context = new ContextMenu();
        context.getItems().addAll(menu.apply(image));
        context.getItems().add(copy);
        return context;
    }
}
