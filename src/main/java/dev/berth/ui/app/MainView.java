package dev.berth.ui.app;

import dev.berth.domain.Plural;
import atlantafx.base.theme.Styles;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.Selection;
import dev.berth.ui.browser.Crumbs;
import dev.berth.ui.browser.LocalImageView;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RegistryOverviewView;
import dev.berth.ui.browser.RegistryTreeView;
import dev.berth.ui.browser.TagTableView;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.LazyPane;
import dev.berth.ui.common.NotificationArea;
import dev.berth.ui.cleanup.CleanupView;
import dev.berth.ui.details.TagDetailsView;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window: toolbar, tree on the left, the selection on the right, status bar below. */
public final class MainView extends StackPane {

    private Runnable onAbout = () -> {};
    private final MainViewModel viewModel;
    private final ActivityMonitor activity;
    private final NotificationArea notifications;
    private final StackPane content = new StackPane();
    private final WelcomeView welcome;
    private final RegistryTreeView tree;
    // The panes the first window does not show are built when first shown (see LazyPane).
    private final LazyPane<RegistryOverviewView> overview;
    private final LazyPane<LocalImageView> localImage = new LazyPane<>(LocalImageView::new);
    private final LazyPane<TagTableView> tags;
    private final LazyPane<TagDetailsView> details;
    private final LazyPane<ScrollPane> cleanup;
    private BorderPane layout;
    private HBox statusBar;
    private ToolBar toolbar;
    private final SplitPane split = new SplitPane();

    public MainView(MainViewModel viewModel, ActivityMonitor activity, NotificationArea notifications) {
        this.viewModel = viewModel;
        this.activity = activity;
        this.notifications = notifications;
        BrowserViewModel browser = viewModel.browser();
        this.welcome = new WelcomeView(viewModel::addConnection, viewModel::openDemo, viewModel::openFolder);
        this.tree = new RegistryTreeView(browser);
        this.overview = new LazyPane<>(this::overviewPane);
        this.tags = new LazyPane<>(this::tagsPane);
        this.details = new LazyPane<>(() -> new TagDetailsView(viewModel.details()));
        this.cleanup = new LazyPane<>(this::cleanupPane);
        createView();
        bind();
    }

    /** What the About button does (the app opens its dialog; tests need not). */
    void onAbout(Runnable action) {
        onAbout = action;
    }

    public WelcomeView welcome() {
        return welcome;
    }

    /** Whether {@code pane} exists yet: those the first window does not show are built when first shown. */
    boolean hasBuilt(MainViewModel.Pane pane) {
        return switch (pane) {
            case WELCOME, EMPTY -> true;
            case REGISTRY -> overview.isBuilt();
            case REPOSITORY -> tags.isBuilt();
            case TAG, LOCAL_IMAGE -> details.isBuilt();
            case CLEANUP -> cleanup.isBuilt();
            case LOCAL_IMAGES -> localImage.isBuilt();
        };
    }

    /** Between the tree and the selection: remembered across restarts (see {@link MainWindow}). */
    public SplitPane.Divider treeDivider() {
        return split.getDividers().getFirst();
    }

    private void createView() {
        setId("main");
        getStylesheets().add(MainView.class.getResource("main.css").toExternalForm());
        layout = new BorderPane();
        layout.setTop(toolbar());
        BorderPane right = new BorderPane(content);
        right.setTop(breadcrumb());
        split.getItems().setAll(padded(tree), padded(right));
        split.setDividerPositions(WindowState.DEFAULT_DIVIDER);
        layout.setCenter(split);
        layout.setBottom(statusBar());
        StackPane.setAlignment(notifications, Pos.TOP_RIGHT);
        // Should the panes ever need more height than the window has, they are cut at the bottom: the
        // toolbar stays in the window rather than the whole layout being centred over its top edge.
        StackPane.setAlignment(layout, Pos.TOP_LEFT);
        getChildren().addAll(layout, notifications);
    }

    private RegistryOverviewView overviewPane() {
        RegistryOverviewView pane = new RegistryOverviewView(viewModel.browser(), viewModel.overview());
        pane.setOnFixConnection(viewModel::editConnection);
        pane.setOnCheckTagDeletion(viewModel::checkTagDeletion);
        return pane;
    }

    private TagTableView tagsPane() {
        TagTableView pane = new TagTableView(viewModel.repository());
        pane.setOnCleanup(viewModel::openCleanup);
        pane.setOnDelete(viewModel::deleteTags);
        pane.setOnOpen(row -> {
            var repository = viewModel.repository().repositoryProperty().get();
            if (repository != null) viewModel.browser().select(Selection.of(repository, row.tag()));
        });
        return pane;
    }

    private ScrollPane cleanupPane() {
        CleanupView pane = new CleanupView(viewModel.cleanup());
        pane.setOnBack(viewModel::closeCleanup);
        // Rules, chart, preview and result need more height than is left beside an open jobs panel: they scroll.
        ScrollPane scroll = new ScrollPane(pane);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private ToolBar toolbar() {
        javafx.scene.control.MenuItem addItem = new javafx.scene.control.MenuItem("Add a registry…", new FontIcon(Feather.PLUS));
        addItem.setOnAction(e -> viewModel.addConnection(""));
        javafx.scene.control.MenuItem importItem = new javafx.scene.control.MenuItem("Import Docker's registries",
                new FontIcon(Feather.DOWNLOAD));
        importItem.setId("import-docker");
        importItem.setOnAction(e -> viewModel.importFromDocker());
        javafx.scene.control.MenuItem folderItem = new javafx.scene.control.MenuItem("Open folder…", new FontIcon(Feather.FOLDER));
        folderItem.setId("open-folder");
        folderItem.setOnAction(e -> viewModel.openFolder());
        javafx.scene.control.MenuItem demoItem = new javafx.scene.control.MenuItem("Open the demo", new FontIcon(Feather.PLAY));
        demoItem.setId("open-demo");
        demoItem.setOnAction(e -> viewModel.openDemo());
        javafx.scene.control.SplitMenuButton add = new javafx.scene.control.SplitMenuButton(addItem, importItem,
                new javafx.scene.control.SeparatorMenuItem(), folderItem, demoItem);
        add.setId("add-connection");
        add.setText("Add registry");
        add.setGraphic(new FontIcon(Feather.PLUS));
        add.setOnAction(e -> viewModel.addConnection(""));
        TextField search = new TextField();
        search.setId("search");
        search.setPromptText("Paste a reference: ghcr.io/acme/api:1.2, localhost:5000/team/app, nginx");
        search.setPrefColumnCount(24); // it grows into the free width; a wider preferred size pushes the theme and About buttons into the overflow menu at 1280 px
        search.setOnAction(e -> viewModel.search(search.getText()));
        HBox.setHgrow(search, Priority.ALWAYS);
        Button go = iconButton("search-go", Feather.ARROW_RIGHT, "Go to the reference");
        go.setOnAction(e -> viewModel.search(search.getText()));
        Button refresh = iconButton("refresh", Feather.REFRESH_CW, "Refresh the selection");
        refresh.setOnAction(e -> viewModel.refresh());
        Button about = iconButton("about", Feather.INFO, "About Berth: version, licences, where it keeps its files");
        about.setOnAction(e -> onAbout.run());
        Button theme = iconButton("theme", themeIcon(viewModel.themeProperty().get()), "Switch light / dark");
        theme.setOnAction(e -> viewModel.toggleTheme());
        viewModel.themeProperty().addListener((obs, old, value) -> theme.setGraphic(new FontIcon(themeIcon(value))));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.SOMETIMES);
        Button back = iconButton("back", Feather.CHEVRON_LEFT, "Back (Alt+Left)");
        back.setOnAction(e -> viewModel.browser().back());
        back.disableProperty().bind(viewModel.browser().history().canGoBackProperty().not());
        Button forward = iconButton("forward", Feather.CHEVRON_RIGHT, "Forward (Alt+Right)");
        forward.setOnAction(e -> viewModel.browser().forward());
        forward.disableProperty().bind(viewModel.browser().history().canGoForwardProperty().not());
        ToolBar bar = new ToolBar(back, forward, new Separator(Orientation.VERTICAL), add, new Separator(Orientation.VERTICAL), search, go,
                refresh, spacer, theme, about);
        toolbar = bar;
        bar.setId("toolbar");
        return bar;
    }

    /** registry › namespace › repository › tag; a click goes there (a namespace filters the tree to it). */
    private org.controlsfx.control.BreadCrumbBar<Crumbs.Crumb> breadcrumb() {
        org.controlsfx.control.BreadCrumbBar<Crumbs.Crumb> crumbs = new org.controlsfx.control.BreadCrumbBar<>();
        crumbs.setId("breadcrumb");
        crumbs.setAutoNavigationEnabled(false);
        crumbs.setOnCrumbAction(e -> {
            Crumbs.Crumb crumb = e.getSelectedCrumb().getValue();
            if (!crumb.namespace().isEmpty()) viewModel.browser().filterProperty().set(crumb.namespace());
            viewModel.browser().select(crumb.target());
        });
        Runnable show = () -> {
            java.util.List<Crumbs.Crumb> path = Crumbs.of(viewModel.browser().selectionProperty().get());
            crumbs.setSelectedCrumb(path.isEmpty() ? null
                    : org.controlsfx.control.BreadCrumbBar.buildTreeModel(path.toArray(Crumbs.Crumb[]::new)));
        };
        viewModel.browser().selectionProperty().addListener((obs, old, selected) -> show.run());
        show.run();
        crumbs.visibleProperty().bind(crumbs.selectedCrumbProperty().isNotNull());
        crumbs.managedProperty().bind(crumbs.visibleProperty());
        BorderPane.setMargin(crumbs, new Insets(0, 0, 4, 0));
        return crumbs;
    }

    private HBox statusBar() {
        Label summary = new Label();
        summary.setId("status-text");
        summary.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                activity.countProperty().get() == 0 ? statusIdle() : activity.summaryProperty().get(),
                activity.countProperty(), activity.summaryProperty(), viewModel.browser().registries()));
        ProgressBar busy = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        busy.setId("status-busy");
        busy.setPrefWidth(120);
        busy.visibleProperty().bind(activity.countProperty().greaterThan(0));
        Button stop = iconButton("status-cancel", Feather.X_CIRCLE, "Cancel everything that is loading");
        stop.visibleProperty().bind(activity.countProperty().greaterThan(0));
        stop.setOnAction(e -> activity.cancelAll());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, summary, spacer, busy, stop);
        statusBar = bar;
        bar.setId("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private String statusIdle() {
        int registries = viewModel.browser().registries().size();
        int repositories = viewModel.browser().registries().stream().mapToInt(r -> r.repositories().size()).sum();
        return registries == 0 ? "No registries yet" : Plural.of(registries, "registry", "registries") + " · "
                + String.format("%,d", repositories) + " " + Plural.word(repositories, "repository", "repositories") + " loaded";
    }

    private void bind() {
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (!e.isAltDown()) return;
            if (e.getCode() == javafx.scene.input.KeyCode.LEFT) viewModel.browser().back();
            else if (e.getCode() == javafx.scene.input.KeyCode.RIGHT) viewModel.browser().forward();
            else return;
            e.consume();
        });
        tree.setOnEditConnection(viewModel::editConnection);
        tree.setOnRemoveConnection(viewModel::removeConnection);
        tree.setOnDuplicateConnection(viewModel::duplicateConnection);
        tree.setOnCleanup(viewModel::openNamespaceCleanup);
        tree.setOnDeleteTag(tag -> viewModel.deleteTag(tag.repository(), tag.tag()));
        viewModel.paneProperty().addListener((obs, old, pane) -> showPane(pane));
        viewModel.browser().selectionProperty().addListener((obs, old, selected) -> {
            // From one registry to another, the pane stays the same: show the new one.
            MainViewModel.Pane pane = viewModel.paneProperty().get();
            if (pane == MainViewModel.Pane.LOCAL_IMAGES || pane == MainViewModel.Pane.REGISTRY) {
                showPane(pane);
            }
        });
        showPane(viewModel.paneProperty().get());
    }

    /**
     * Docks the jobs panel above the status bar, puts the job count in the status bar, and adds the
     * transfer commands: Push… on the toolbar, Export/Copy to/Retag on tags, Push here on repositories.
     */
    public void dockJobs(dev.berth.ui.jobs.JobsView jobs, dev.berth.ui.jobs.TransferMenus transfers) {
        layout.setBottom(new javafx.scene.layout.VBox(jobs, statusBar));
        statusBar.getChildren().add(1, jobs.statusCount());
        Button push = new Button("Push…", new FontIcon(Feather.UPLOAD));
        push.setId("toolbar-push");
        push.setTooltip(new Tooltip("Push an image archive or OCI layout to a registry"));
        push.setOnAction(e -> transfers.actions().push(java.util.Optional.empty()));
        int afterAdd = 1 + toolbar.getItems().stream().map(javafx.scene.Node::getId).toList().indexOf("add-connection");
        toolbar.getItems().add(afterAdd, push); // right after "Add registry"
        dev.berth.ui.jobs.TagDragAndDrop dragAndDrop = transfers.dragAndDrop();
        tags.whenBuilt(pane -> {
            pane.addTagMenu("Export, copy or retag the selected tag", transfers);
            pane.addRowHook(dragAndDrop);
        });
        details.whenBuilt(pane -> pane.addTagMenu("Transfer", transfers, () -> viewModel.browser().selectionProperty().get()
                instanceof Selection.OfTag tag ? java.util.Optional.of(tag) : java.util.Optional.empty()));
        tree.addMenus(transfers, transfers::forRepository);
        tree.addLocalImageMenu(transfers::forLocalImage);
        tree.addRowHook(dragAndDrop);
    }

    /** Files and folders dragged from the desktop onto the window: image archives and layouts open through {@code opener}. */
    public void acceptFileDrops(FileOpener opener) {
        FileDropTarget.install(this, opener);
    }

    private void showPane(MainViewModel.Pane pane) {
        switch (pane) {
            case WELCOME -> content.getChildren().setAll(welcome);
            case REGISTRY -> {
                if (viewModel.browser().selectionProperty().get() instanceof Selection.OfRegistry selected) overview.get().show(selected.registry());
                content.getChildren().setAll(overview.get());
            }
            case REPOSITORY -> content.getChildren().setAll(tags.get());
            case TAG, LOCAL_IMAGE -> content.getChildren().setAll(details.get());
            case CLEANUP -> content.getChildren().setAll(cleanup.get());
            case LOCAL_IMAGES -> {
                if (viewModel.browser().selectionProperty().get() instanceof Selection.OfLocalImages selected) localImage.get().show(selected.images());
                content.getChildren().setAll(localImage.get());
            }
            case EMPTY -> {
                Label hint = new Label("Select a registry, a repository or a tag.");
                hint.getStyleClass().add(Styles.TEXT_MUTED);
                content.getChildren().setAll(hint);
            }
        }
    }

    /** The theme the button switches to. */
    private static Feather themeIcon(MainViewModel.Theme shown) {
        return shown == MainViewModel.Theme.DARK ? Feather.SUN : Feather.MOON;
    }

    private static StackPane padded(javafx.scene.Node node) {
        StackPane pane = new StackPane(node);
        pane.setPadding(new Insets(10));
        return pane;
    }

    private static Button iconButton(String id, Feather icon, String tooltip) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tooltip));
        button.getStyleClass().add(Styles.FLAT);
        return button;
    }
}
