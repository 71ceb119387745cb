package dev.berth.ui.browser;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.domain.ByteSize;
import dev.berth.domain.Digest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A repository's tags: sortable by every column across all tags, filterable, multi-select. */
public final class TagTableView extends BorderPane {

    static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final RepositoryViewModel viewModel;
    private final TableView<TagRow> table = new TableView<>();
    private HBox toolbar;
    private Button deleteButton;
    private Consumer<TagRow> onOpen = row -> {};
    private Runnable onCleanup = () -> {};
    private Consumer<java.util.List<String>> onDelete = tags -> {};
    private final java.util.List<RowHook> rowHooks = new java.util.ArrayList<>();

    public TagTableView(RepositoryViewModel viewModel) {
        this.viewModel = viewModel;
        createView();
    }

    public void setOnOpen(Consumer<TagRow> handler) {
        onOpen = handler;
    }

    public void setOnDelete(Consumer<java.util.List<String>> handler) {
        onDelete = handler;
    }

    public void setOnCleanup(Runnable handler) {
        onCleanup = handler;
    }

    /** Adds another feature's handlers to every row (dragging a tag out); rows already made are made again. */
    public void addRowHook(RowHook hook) {
        rowHooks.add(hook);
        table.refresh();
    }

    public TableView<TagRow> table() {
        return table;
    }

    /** Adds another feature's commands on the selected tag to the toolbar (as one menu button) and the context menu. */
    public void addTagMenu(String label, TagMenu menu) {
        java.util.function.Supplier<java.util.Optional<Selection.OfTag>> selected = () -> {
            TagRow row = table.getSelectionModel().getSelectedItem();
            RepositoryNode repository = viewModel.repositoryProperty().get();
            return row == null || repository == null || !row.isValidName() ? java.util.Optional.empty()
                    : java.util.Optional.of(Selection.of(repository, row.tag()));
        };
        // Icon only: the toolbar is full at 1280 px, and a cut "T…" says nothing; the tooltip does.
        javafx.scene.control.MenuButton button = new javafx.scene.control.MenuButton(null, new FontIcon(Feather.SEND));
        button.setTooltip(new javafx.scene.control.Tooltip(label));
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        button.setId("tag-transfer");
        button.getItems().setAll(menu.items(selected));
        button.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        toolbar.getChildren().add(toolbar.getChildren().indexOf(deleteButton) + 1, button);
        table.getContextMenu().getItems().add(new javafx.scene.control.SeparatorMenuItem());
        table.getContextMenu().getItems().addAll(menu.items(selected));
    }

    private void createView() {
        setId("tag-table-view");
        Label title = new Label();
        title.setId("repository-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.textProperty().bind(Bindings.createStringBinding(() -> viewModel.repositoryProperty().get() == null ? ""
                : viewModel.repositoryProperty().get().registry().place().repository(viewModel.repositoryProperty().get().name()),
                viewModel.repositoryProperty()));

        TextField filter = new TextField();
        filter.setId("tag-filter");
        filter.setPromptText("Filter tags");
        filter.textProperty().bindBidirectional(viewModel.filterProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("metadata-progress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.loadingProperty());
        progress.managedProperty().bind(progress.visibleProperty()); // its room goes to the status once loaded
        Button cancel = new Button(null, new FontIcon(Feather.X));
        cancel.setId("cancel-metadata");
        cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        cancel.setOnAction(e -> viewModel.cancel());
        cancel.visibleProperty().bind(viewModel.loadingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        Label status = new Label();
        status.setId("tag-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(viewModel.statusProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button cleanup = new Button("Clean up…", new FontIcon(Feather.SCISSORS));
        cleanup.setId("open-cleanup");
        cleanup.setOnAction(e -> onCleanup.run());
        Button delete = new Button("Delete…", new FontIcon(Feather.TRASH_2));
        delete.setId("delete-tags");
        delete.disableProperty().bind(Bindings.createBooleanBinding(() -> selectedTags().isEmpty(),
                table.getSelectionModel().getSelectedItems()));
        delete.setOnAction(e -> onDelete.accept(selectedTags()));
        // the buttons keep their words; the status line gives way first, and it has the title's row to itself
        cleanup.setMinWidth(Region.USE_PREF_SIZE);
        delete.setMinWidth(Region.USE_PREF_SIZE);
        filter.setMinWidth(140);
        HBox bar = new HBox(8, filter, cleanup, delete);
        toolbar = bar;
        deleteButton = delete;
        bar.setAlignment(Pos.CENTER_LEFT);
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox titleRow = new HBox(12, title, spacer, status, progress, cancel);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(8, titleRow, bar);
        header.setPadding(new Insets(0, 0, 8, 0));
        setTop(header);

        table.setId("tag-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label();
        empty.textProperty().bind(Bindings.createStringBinding(() -> viewModel.repositoryProperty().get() == null ? ""
                : viewModel.repositoryProperty().get().registry().place().noTagsNote(), viewModel.repositoryProperty()));
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        empty.setId("no-tags");
        table.setPlaceholder(empty);
        TableColumn<TagRow, Instant> created = createdColumn();
        table.getColumns().setAll(tagColumn(), digestColumn(), sizeColumn(), created, platformsColumn(), alsoColumn());
        // newest first: what people look for; clearing the sort (or clicking the header a third time) gives registry order
        created.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(java.util.List.of(created));
        SortedList<TagRow> sorted = new SortedList<>(viewModel.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        // Dates and sizes fill in after the rows exist, and a SortedList re-sorts only on list changes:
        // once the metadata is in, apply the chosen order again so "newest first" holds.
        viewModel.loadingProperty().addListener((obs, was, loading) -> {
            if (loading) return;
            java.util.List<TableColumn<TagRow, ?>> order = java.util.List.copyOf(table.getSortOrder());
            table.getSortOrder().clear();
            table.getSortOrder().setAll(order);
        });
        table.setRowFactory(t -> {
            TableRow<TagRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) open(row.getItem());
            });
            rowHooks.forEach(hook -> hook.install(row, () -> {
                RepositoryNode repository = viewModel.repositoryProperty().get();
                return row.isEmpty() || row.getItem() == null || !row.getItem().isValidName() || repository == null ? Selection.NONE
                        : Selection.of(repository, row.getItem().tag());
            }));
            return row;
        });
        table.setContextMenu(contextMenu());
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                open(table.getSelectionModel().getSelectedItem());
            }
        });
        setCenter(table);
    }

    /** The selected tags that can be acted on: a tag with an invalid name is only shown. */
    private java.util.List<String> selectedTags() {
        return table.getSelectionModel().getSelectedItems().stream().filter(TagRow::isValidName).map(TagRow::tag).toList();
    }

    private void open(TagRow row) {
        if (row.isValidName()) onOpen.accept(row);
    }

    private TableColumn<TagRow, String> tagColumn() {
        TableColumn<TagRow, String> column = new TableColumn<>("Tag");
        column.setId("col-tag");
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tag()));
        column.setComparator(dev.berth.browse.TagOrdering.ascending());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String tag, boolean empty) {
                super.updateItem(tag, empty);
                TagRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove(Styles.DANGER);
                setGraphic(null);
                setTooltip(null);
                setText(row == null ? null : row.displayTag());
                if (row != null && !row.isValidName()) { // listed by the registry, shown escaped, never requested
                    getStyleClass().add(Styles.DANGER);
                    setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
                    setTooltip(new javafx.scene.control.Tooltip("Not a valid tag name (" + row.invalidName().get()
                            + "). Berth shows it escaped and never requests, opens or deletes it."));
                }
            }
        });
        column.setMinWidth(110);
        column.setPrefWidth(170);
        return column;
    }

    private TableColumn<TagRow, Digest> digestColumn() {
        TableColumn<TagRow, Digest> column = new TableColumn<>("Digest");
        column.setId("col-digest");
        column.setCellValueFactory(c -> c.getValue().digestProperty());
        column.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        column.setCellFactory(c -> {
            TableCell<TagRow, Digest> cell = new TableCell<>() {
                @Override
                protected void updateItem(Digest digest, boolean empty) {
                    super.updateItem(digest, empty);
                    setText(empty || digest == null ? null : digest.shortHex());
                    setTooltip(empty || digest == null ? null : new javafx.scene.control.Tooltip(String.valueOf(digest)));
                }
            };
            cell.getStyleClass().add("monospace");
            return cell;
        });
        column.setMinWidth(135);
        column.setPrefWidth(135);
        return column;
    }

    private TableColumn<TagRow, Number> sizeColumn() {
        TableColumn<TagRow, Number> column = new TableColumn<>("Size");
        column.setId("col-size");
        column.setCellValueFactory(c -> c.getValue().sizeProperty());
        column.setComparator(Comparator.comparingLong(Number::longValue));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number size, boolean empty) {
                super.updateItem(size, empty);
                setText(empty || size == null ? null : size.longValue() < 0 ? "…" : ByteSize.format(size.longValue()));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        column.setMinWidth(80);
        column.setPrefWidth(90);
        return column;
    }

    private TableColumn<TagRow, Instant> createdColumn() {
        TableColumn<TagRow, Instant> column = new TableColumn<>("Created");
        column.setId("col-created");
        column.setCellValueFactory(c -> c.getValue().createdProperty());
        column.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant created, boolean empty) {
                super.updateItem(created, empty);
                setText(empty ? null : created == null ? "" : CREATED.format(created));
            }
        });
        column.setMinWidth(150);
        column.setPrefWidth(150);
        return column;
    }

    private TableColumn<TagRow, String> platformsColumn() {
        TableColumn<TagRow, String> column = new TableColumn<>("Platforms");
        column.setId("col-platforms");
        column.setCellValueFactory(c -> c.getValue().platformsProperty());
        column.setMinWidth(100);
        column.setPrefWidth(150);
        return column;
    }

    private TableColumn<TagRow, String> alsoColumn() {
        TableColumn<TagRow, String> column = new TableColumn<>("Also tagged as");
        column.setId("col-also");
        column.setCellValueFactory(c -> c.getValue().alsoTaggedAsProperty());
        column.setMinWidth(135);
        column.setPrefWidth(150);
        return column;
    }

    private ContextMenu contextMenu() {
        MenuItem open = new MenuItem("Open details", new FontIcon(Feather.INFO));
        open.setOnAction(e -> {
            TagRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) open(row);
        });
        MenuItem copyDigest = new MenuItem("Copy digest", new FontIcon(Feather.COPY));
        copyDigest.setOnAction(e -> {
            TagRow row = table.getSelectionModel().getSelectedItem();
            if (row != null && row.digestProperty().get() != null) Clipboards.copy(row.digestProperty().get().toString());
        });
        MenuItem copyPull = new MenuItem("Copy pull command", new FontIcon(Feather.CLIPBOARD));
        copyPull.setId("copy-pull-command");
        copyPull.setOnAction(e -> {
            TagRow row = table.getSelectionModel().getSelectedItem();
            RepositoryNode repository = viewModel.repositoryProperty().get();
            if (row != null && row.isValidName() && repository != null) {
                repository.registry().place().pullCommand(repository.name(), row.tag()).ifPresent(Clipboards::copy);
            }
        });
        MenuItem delete = new MenuItem("Delete…", new FontIcon(Feather.TRASH_2));
        delete.setOnAction(e -> onDelete.accept(selectedTags()));
        return new ContextMenu(open, copyDigest, copyPull, new javafx.scene.control.SeparatorMenuItem(), delete);
    }
}
