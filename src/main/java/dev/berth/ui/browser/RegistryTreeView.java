package dev.berth.ui.browser;

import dev.berth.domain.Plural;
import atlantafx.base.theme.Styles;
import dev.berth.domain.ByteSize;
import dev.berth.domain.Printable;
import dev.berth.domain.Reference;
import dev.berth.registry.Capabilities;
import dev.berth.ui.browser.BrowserTreeItems.Folder;
import dev.berth.ui.browser.BrowserTreeItems.FolderItem;
import dev.berth.ui.browser.BrowserTreeItems.RepositoryItem;
import dev.berth.ui.browser.BrowserTreeItems.TagLeaf;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The left side of the window: a filter field over the registry → namespace → repository → tag tree. */
public final class RegistryTreeView extends VBox {

    private final BrowserViewModel viewModel;
    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("registries"));
    private final TextField filter = new TextField();
    private final Map<RegistryNode, TreeItem<Object>> registryItems = new HashMap<>();
    private final Map<RegistryNode, PauseTransition> pendingRebuilds = new HashMap<>();
    private final LocalImagesItems localImages;
    private Consumer<RegistryNode> onEditConnection = node -> {};
    private Consumer<RegistryNode> onRemoveConnection = node -> {};
    private Consumer<RegistryNode> onDuplicateConnection = node -> {};
    private java.util.function.BiConsumer<RegistryNode, String> onCleanup = (node, prefix) -> {};
    private Consumer<Selection.OfTag> onDeleteTag = tag -> {};
    private TagMenu tagMenu = tag -> List.of();
    private java.util.function.Function<RepositoryNode, List<MenuItem>> repositoryMenu = repository -> List.of();
    private final List<RowHook> rowHooks = new java.util.ArrayList<>();
    /** True while the tree follows a tag selected elsewhere: its repository row is selected, and that must not select the repository. */
    private boolean followingTag;

    public RegistryTreeView(BrowserViewModel viewModel) {
        this.viewModel = viewModel;
        this.localImages = new LocalImagesItems(viewModel, tree);
        createView();
        bind();
    }

    /** Adds another feature's commands to the menus of tags and repositories. */
    public void addMenus(TagMenu tags, java.util.function.Function<RepositoryNode, List<MenuItem>> repositories) {
        tagMenu = tags;
        repositoryMenu = repositories;
    }

    /** Adds another feature's handlers to every row (drag and drop); rows already made are made again. */
    public void addRowHook(RowHook hook) {
        rowHooks.add(hook);
        tree.refresh();
    }

    public void setOnEditConnection(Consumer<RegistryNode> handler) {
        onEditConnection = handler;
    }

    public void setOnDuplicateConnection(Consumer<RegistryNode> handler) {
        onDuplicateConnection = handler;
    }

    public void setOnRemoveConnection(Consumer<RegistryNode> handler) {
        onRemoveConnection = handler;
    }

    /** "Clean up…" on a registry (prefix "") or a namespace folder (prefix ending in '/'). */
    public void setOnCleanup(java.util.function.BiConsumer<RegistryNode, String> handler) {
        onCleanup = handler;
    }

    /** "Delete…" on a tag leaf. */
    public void setOnDeleteTag(Consumer<Selection.OfTag> handler) {
        onDeleteTag = handler;
    }

    /** Commands on a local image (Push…, Export…) from another feature. */
    public void addLocalImageMenu(java.util.function.Function<LocalImagesNode.Entry, List<MenuItem>> items) {
        localImages.menu = items;
    }

    public TreeView<Object> tree() {
        return tree;
    }

    private void createView() {
        setId("registry-tree");
        filter.setId("tree-filter");
        filter.setPromptText("Filter repositories");
        tree.setId("tree");
        tree.setShowRoot(false);
        tree.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        tree.setCellFactory(t -> {
            BrowserCell cell = new BrowserCell();
            rowHooks.forEach(hook -> hook.install(cell, () -> shown(cell.getItem())));
            return cell;
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        setSpacing(6);
        Label hint = new Label("No local Docker or Podman engine answered.");
        hint.setId("local-images-hint");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        Tooltip why = new Tooltip();
        why.textProperty().bind(viewModel.localImages().absenceProperty());
        hint.setTooltip(why);
        hint.visibleProperty().bind(viewModel.localImages().absenceProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        getChildren().addAll(filter, tree, hint);
        getStyleClass().add("registry-tree");
    }

    private void bind() {
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        viewModel.filterProperty().addListener((obs, old, text) -> registryItems.keySet().forEach(this::scheduleRebuild));
        viewModel.registries().addListener((ListChangeListener<RegistryNode>) change -> syncRegistries());
        syncRegistries();
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item == null || followingTag) return;
            Object value = item.getValue();
            // An invalid name is only shown: selecting it opens nothing.
            if (value instanceof TagLeaf leaf && leaf.invalidName().isEmpty()) {
                viewModel.select(Selection.of(leaf.repository(), leaf.tag()));
            } else if (value instanceof RegistryNode registry) {
                viewModel.select(Selection.of(registry));
            } else if (value instanceof RepositoryNode repository && repository.isValidName()) {
                viewModel.select(Selection.of(repository));
            } else if (value instanceof LocalImagesNode images) {
                viewModel.select(Selection.of(images));
            } else if (value instanceof LocalImagesNode.Entry image) {
                viewModel.select(Selection.of(viewModel.localImages(), image));
            }
        });
        viewModel.selectionProperty().addListener((obs, old, selected) -> reveal(selected));
        localImages.bind();
    }

    /** What a row shows, as the selection names it; null for what cannot be acted on. */
    private static Selection shown(Object value) {
        return switch (value) {
            case RegistryNode node -> Selection.of(node);
            case RepositoryNode repository when repository.isValidName() -> Selection.of(repository);
            case TagLeaf leaf when leaf.invalidName().isEmpty() -> Selection.of(leaf.repository(), leaf.tag());
            case null, default -> Selection.NONE;
        };
    }

    private void syncRegistries() {
        List<RegistryNode> current = viewModel.registries();
        registryItems.keySet().removeIf(node -> !current.contains(node));
        tree.getRoot().getChildren().removeIf(item -> item.getValue() instanceof RegistryNode node && !current.contains(node));
        for (RegistryNode node : current) {
            if (registryItems.containsKey(node)) continue;
            TreeItem<Object> item = new TreeItem<>(node);
            item.setExpanded(true);
            registryItems.put(node, item);
            tree.getRoot().getChildren().add(localImages.shown() ? tree.getRoot().getChildren().size() - 1 : tree.getRoot().getChildren().size(), item);
            node.repositories().addListener((ListChangeListener<RepositoryNode>) change -> scheduleRebuild(node));
            node.stateProperty().addListener((obs, old, state) -> tree.refresh());
            node.capabilitiesProperty().addListener((obs, old, caps) -> tree.refresh());
            rebuild(node);
        }
    }

    /** Catalog pages and keystrokes come fast: rebuild at most every 120 ms. */
    private void scheduleRebuild(RegistryNode node) {
        PauseTransition pause = pendingRebuilds.computeIfAbsent(node, n -> {
            PauseTransition p = new PauseTransition(Duration.millis(120));
            p.setOnFinished(e -> {
                rebuild(n);
                keepSelectionShown(n);
            });
            return p;
        });
        pause.playFromStart();
    }

    /** Rebuilds every registry's children now (tests time it; normally the debounce calls rebuild). */
    void rebuildAll() {
        registryItems.keySet().forEach(this::rebuild);
    }

    private void rebuild(RegistryNode node) {
        TreeItem<Object> item = registryItems.get(node);
        if (item == null) return;
        List<RepositoryNode> visible = viewModel.visibleRepositories(node);
        boolean filtering = !viewModel.filterProperty().get().isBlank();
        item.getChildren().setAll(BrowserTreeItems.childrenOf(node, "", visible, viewModel, filtering && visible.size() <= 200));
        // The registry's row counts its repositories: redraw that one row (a whole tree refresh costs more on big catalogs).
        javafx.event.Event.fireEvent(item, new TreeItem.TreeModificationEvent<>(TreeItem.valueChangedEvent(), item, node));
    }

    /**
     * True when {@code selected} came from the tree's own selected row: rebuilding then would replace
     * that row while the tree is still selecting it (JavaFX's TreeViewBehavior then fails, and a
     * press on a tag — the start of a drag — finds its row gone).
     */
    private boolean showsSelected(Selection selected) {
        TreeItem<Object> item = tree.getSelectionModel().getSelectedItem();
        Object value = item == null ? null : item.getValue();
        return selected instanceof Selection.OfRepository r && value == r.repository()
                || selected instanceof Selection.OfTag tag && value instanceof TagLeaf leaf
                        && leaf.repository() == tag.repository() && leaf.tag().equals(tag.tag());
    }

    /** Selects the node for {@code selected} in the tree, building folders on the way. */
    private void reveal(Selection selected) {
        if (showsSelected(selected)) return;
        switch (selected) {
            case Selection.OfRepository r -> reveal(r.repository(), true);
            case Selection.OfTag t -> revealRepositoryOf(t);
            case Selection.OfLocalImages images -> localImages.reveal(images.images());
            case Selection.OfLocalImage image -> localImages.reveal(image.image());
            case Selection.None none -> { }
            case Selection.OfRegistry registry -> { }
        }
    }

    /**
     * A tag opened from elsewhere (recent pushes, a pasted reference, Back) highlights its repository's
     * row, as a tag opened from that repository's table does; the row's selection must not replace the
     * tag with its repository. (Selecting the tag's own row would load and list every tag of it.)
     */
    private void revealRepositoryOf(Selection.OfTag shown) {
        followingTag = true;
        try {
            reveal(shown.repository(), true);
        } finally {
            followingTag = false;
        }
    }

    /**
     * A rebuild makes the folders anew, closed: the selected repository (or the selected tag's) is opened and
     * highlighted again, e.g. a tag restored at start while more of its catalog arrives.
     */
    private void keepSelectionShown(RegistryNode node) {
        RepositoryNode repository = switch (viewModel.selectionProperty().get()) {
            case Selection.OfRepository r -> r.repository();
            case Selection.OfTag t -> t.repository();
            case Selection.None none -> null;
            case Selection.OfRegistry registry -> null;
            case Selection.OfLocalImages images -> null;
            case Selection.OfLocalImage image -> null;
        };
        if (repository == null || repository.registry() != node) return;
        followingTag = true; // the row's selection says what is already selected; for a tag it must not replace it
        try {
            expandTo(repository, true);
        } finally {
            followingTag = false;
        }
    }

    private void reveal(RepositoryNode repository, boolean selectRow) {
        rebuild(repository.registry());
        expandTo(repository, selectRow);
    }

    /** Opens the folders down to {@code repository}'s row, and selects that row when asked. */
    private void expandTo(RepositoryNode repository, boolean selectRow) {
        TreeItem<Object> item = registryItems.get(repository.registry());
        String[] segments = repository.name().split("/");
        String path = "";
        for (int i = 0; i < segments.length - 1 && item != null; i++) {
            path = path.isEmpty() ? segments[i] : path + "/" + segments[i];
            String wanted = path;
            item.setExpanded(true);
            item = item.getChildren().stream().filter(c -> c.getValue() instanceof Folder f && f.path().equals(wanted))
                    .findFirst().orElse(null);
        }
        if (item == null) return;
        item.setExpanded(true);
        TreeItem<Object> target = item.getChildren().stream().filter(c -> c.getValue() == repository).findFirst().orElse(null);
        if (target != null && tree.getSelectionModel().getSelectedItem() != target && selectRow) {
            tree.getSelectionModel().select(target);
            int row = tree.getRow(target);
            if (row >= 0) tree.scrollTo(Math.max(0, row - 3));
        }
    }

    /** One row: icon, name, and a muted count or badge. */
    private final class BrowserCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object value, boolean empty) {
            super.updateItem(value, empty);
            setContextMenu(null);
            setTooltip(null);
            if (empty || value == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label();
            Label detail = new Label();
            detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            FontIcon icon;
            switch (value) {
                case RegistryNode node -> {
                    icon = new FontIcon(Feather.SERVER);
                    name.setText(node.displayName());
                    name.getStyleClass().add(Styles.TEXT_BOLD);
                    detail.setText(registryBadge(node));
                    if (node.problemProperty().get() != null) detail.getStyleClass().add(Styles.DANGER);
                    setContextMenu(registryMenu(node));
                }
                case Folder folder -> {
                    icon = new FontIcon(Feather.FOLDER);
                    name.setText(folder.label());
                    if (getTreeItem() instanceof FolderItem item) detail.setText(item.repositoryCount() + "");
                    setContextMenu(folderMenu(folder));
                }
                case RepositoryNode repository when !repository.isValidName() -> {
                    icon = invalidName(name, detail, repository.shortName(), repository.invalidName().orElseThrow());
                }
                case RepositoryNode repository -> {
                    icon = new FontIcon(Feather.PACKAGE);
                    name.setText(repository.shortName());
                    // A binding observes weakly: recycled cells do not pile up listeners on the node.
                    detail.textProperty().bind(Bindings.createStringBinding(repository::tagCountLabel, repository.tagCountProperty()));
                    setContextMenu(repositoryMenu(repository));
                }
                case TagLeaf leaf when leaf.invalidName().isPresent() -> {
                    icon = invalidName(name, detail, Printable.quoted(leaf.tag()), leaf.invalidName().get());
                }
                case TagLeaf leaf -> {
                    icon = new FontIcon(Feather.TAG);
                    name.setText(leaf.tag());
                    setContextMenu(tagMenu(leaf));
                }
                case LocalImagesNode images -> {
                    icon = new FontIcon(Feather.HARD_DRIVE);
                    name.setText("Local images");
                    name.getStyleClass().add(Styles.TEXT_BOLD);
                    int count = images.imageCount();
                    detail.setText(Plural.of(count, "image", "images"));
                    setTooltip(new Tooltip("The images of the local engine: " + images.engineProperty().get()));
                    setContextMenu(localImages.nodeMenu());
                }
                case LocalImagesNode.Group group -> {
                    icon = new FontIcon(group.repository().isEmpty() ? Feather.LAYERS : Feather.PACKAGE);
                    name.setText(group.repository().isEmpty() ? "untagged" : group.repository());
                    detail.setText(String.valueOf(group.entries().size()));
                }
                case LocalImagesNode.Entry image -> {
                    icon = new FontIcon(Feather.TAG);
                    name.setText(image.label());
                    detail.setText(ByteSize.format(image.image().size()));
                    setContextMenu(localImages.imageMenu(image));
                }
                default -> {
                    icon = null;
                    name.setText(String.valueOf(value));
                }
            }
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(6, name, spacer, detail);
            row.setAlignment(Pos.CENTER_LEFT);
            if (icon != null) row.getChildren().addFirst(icon);
            setText(null);
            setGraphic(row);
        }

        /**
         * A name the registry listed outside the grammar: escaped, marked, explained in a tooltip, and
         * without a menu, so nothing can be opened or deleted through it.
         */
        private FontIcon invalidName(Label name, Label detail, String escaped, String problem) {
            name.setText(escaped);
            name.getStyleClass().add(Styles.DANGER);
            detail.setText("invalid name");
            detail.getStyleClass().add(Styles.DANGER);
            setTooltip(new Tooltip("The registry listed a name that is not valid (" + problem
                    + "). Berth shows it escaped and never sends a request for it."));
            FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
            icon.getStyleClass().add(Styles.DANGER);
            return icon;
        }
    }

    private static String registryBadge(RegistryNode node) {
        if (node.problemProperty().get() != null) return node.problemProperty().get().title();
        if (node.stateProperty().get() == LoadState.LOADING) return "loading…";
        if (Boolean.TRUE.equals(node.catalogRefusedProperty().get())) return "no catalog";
        Capabilities caps = node.capabilitiesProperty().get();
        String deletes = caps == null ? "" : caps.deletes() == Capabilities.Ability.YES ? "delete ✓" : caps.deletes() == Capabilities.Ability.NO ? "read-only" : "";
        int count = node.repositories().size();
        return Plural.of(count, "repo", "repos") + (deletes.isEmpty() ? "" : " · " + deletes);
    }

    private ContextMenu registryMenu(RegistryNode node) {
        MenuItem refresh = new MenuItem("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setOnAction(e -> viewModel.refresh(node));
        MenuItem edit = new MenuItem("Edit connection…", new FontIcon(Feather.EDIT_2));
        edit.setOnAction(e -> onEditConnection.accept(node));
        MenuItem copy = new MenuItem(node.place().isFolder() ? "Copy folder path" : "Copy host");
        copy.setOnAction(e -> Clipboards.copy(node.place().where()));
        MenuItem remove = new MenuItem("Remove connection…", new FontIcon(Feather.TRASH_2));
        remove.setOnAction(e -> onRemoveConnection.accept(node));
        MenuItem duplicate = new MenuItem("Duplicate connection", new FontIcon(Feather.COPY));
        duplicate.setOnAction(e -> onDuplicateConnection.accept(node));
        MenuItem cleanup = new MenuItem("Clean up…", new FontIcon(Feather.SCISSORS));
        cleanup.setId("tree-cleanup-registry");
        cleanup.setOnAction(e -> onCleanup.accept(node, ""));
        return new ContextMenu(refresh, edit, duplicate, copy, cleanup, new javafx.scene.control.SeparatorMenuItem(), remove);
    }

    private ContextMenu folderMenu(Folder folder) {
        MenuItem cleanup = new MenuItem("Clean up…", new FontIcon(Feather.SCISSORS));
        cleanup.setId("tree-cleanup-namespace");
        cleanup.setOnAction(e -> onCleanup.accept(folder.registry(), folder.path() + "/"));
        return new ContextMenu(cleanup);
    }

    private ContextMenu tagMenu(TagLeaf leaf) {
        MenuItem delete = new MenuItem("Delete…", new FontIcon(Feather.TRASH_2));
        delete.setId("tree-delete-tag");
        delete.setOnAction(e -> onDeleteTag.accept(Selection.of(leaf.repository(), leaf.tag())));
        ContextMenu menu = new ContextMenu(delete);
        List<MenuItem> more = tagMenu.items(() -> java.util.Optional.of(Selection.of(leaf.repository(), leaf.tag())));
        if (!more.isEmpty()) menu.getItems().addAll(0, more);
        if (!more.isEmpty()) menu.getItems().add(more.size(), new javafx.scene.control.SeparatorMenuItem());
        return menu;
    }

    private ContextMenu repositoryMenu(RepositoryNode repository) {
        MenuItem refresh = new MenuItem("Refresh tags", new FontIcon(Feather.REFRESH_CW));
        refresh.setOnAction(e -> viewModel.loadTags(repository));
        MenuItem copy = new MenuItem("Copy name");
        copy.setOnAction(e -> Clipboards.copy(repository.registry().place().isFolder() ? repository.registry().place().repository(repository.name())
                : Reference.ofRepository(repository.registry().host(), repository.name()).canonical()));
        ContextMenu menu = new ContextMenu(refresh, copy);
        menu.getItems().addAll(repositoryMenu.apply(repository));
        return menu;
    }
}
