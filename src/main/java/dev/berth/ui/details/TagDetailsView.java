package dev.berth.ui.details;

import dev.berth.domain.Plural;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.domain.ByteSize;
import dev.berth.domain.Descriptor;
import dev.berth.domain.ImageConfig;
import dev.berth.inspect.ImageDetails;
import dev.berth.ui.browser.Clipboards;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The details of one tag: summary, layers, platforms, config, history, raw manifest and referrers. */
public final class TagDetailsView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());

    private final TagDetailsViewModel viewModel;
    private final TabPane tabs = new TabPane();
    private final StackPane body = new StackPane();

    public TagDetailsView(TagDetailsViewModel viewModel) {
        this.viewModel = viewModel;
        createView();
        bind();
    }

    private HBox header;

    /** Adds another feature's commands on the shown tag ({@code shown} says which it is) as a menu button in the header. */
    public void addTagMenu(String label, dev.berth.ui.browser.TagMenu menu,
            java.util.function.Supplier<java.util.Optional<dev.berth.ui.browser.Selection.OfTag>> shown) {
        javafx.scene.control.MenuButton button = new javafx.scene.control.MenuButton(label, new FontIcon(Feather.SEND));
        button.setId("details-transfer");
        button.getItems().setAll(menu.items(shown));
        onlyForTags(button);
        header.getChildren().add(button);
    }

    private void createView() {
        setId("tag-details");
        Label title = new Label();
        title.setId("details-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.textProperty().bind(viewModel.titleProperty());
        Button copyPull = copyButton("copy-pull", "pull command", Feather.CLIPBOARD, viewModel::pullByTagCommand);
        Button copyDigestRef = copyButton("copy-digest-ref", "@digest", Feather.LINK, viewModel::digestReference);
        Button copyDigest = copyButton("copy-digest", "digest", Feather.COPY, viewModel::digest);
        HBox header = new HBox(8, title, new javafx.scene.layout.Region(), copyPull, copyDigestRef, copyDigest);
        this.header = header;
        HBox.setHgrow(header.getChildren().get(1), javafx.scene.layout.Priority.ALWAYS);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 8, 0));
        setTop(header);
        tabs.setId("details-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        body.getChildren().add(tabs);
        setCenter(body);
    }

    private Button copyButton(String id, String text, Feather icon, java.util.function.Supplier<String> value) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        button.setOnAction(e -> Clipboards.copy(value.get()));
        button.disableProperty().bind(viewModel.contentProperty().isNull());
        onlyForTags(button);
        return button;
    }

    private void onlyForTags(Node node) {
        node.visibleProperty().bind(viewModel.engineImageProperty().not());
        node.managedProperty().bind(node.visibleProperty());
    }

    private void bind() {
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> fillSelected());
        viewModel.contentProperty().addListener((obs, old, content) -> show(content));
        viewModel.engineContentProperty().addListener((obs, old, content) -> show(content));
        viewModel.loadingProperty().addListener((obs, old, loading) -> showLoading(loading));
        viewModel.problemProperty().addListener((obs, old, problem) -> showProblem(problem));
        // The view is built when first shown (MainView): the tag may have loaded, or failed to, before it existed.
        if (viewModel.problemProperty().get() != null) showProblem(viewModel.problemProperty().get());
        else if (viewModel.loadingProperty().get()) showLoading(true);
        else if (viewModel.contentProperty().get() != null) show(viewModel.contentProperty().get());
        else show(viewModel.engineContentProperty().get());
    }

    private void showProblem(dev.berth.ui.common.UserMessage problem) {
        if (problem == null) return;
        Label message = new Label(problem.title() + "\n" + problem.text());
        message.setId("details-problem");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.DANGER);
        body.getChildren().setAll(message);
    }

    private void showLoading(boolean loading) {
        if (loading) {
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setId("details-loading");
            spinner.setMaxSize(48, 48);
            body.getChildren().setAll(spinner);
        }
    }

    private void show(DetailsContent content) {
        if (content == null) return;
        ImageDetails details = content.details();
        tabs.getTabs().setAll(tab("Summary", () -> summary(details)));
        if (!content.layers().isEmpty()) tabs.getTabs().add(tab("Layers", () -> layers(content.layers())));
        if (!details.platforms().isEmpty()) tabs.getTabs().add(tab("Platforms", () -> platforms(details)));
        details.config().ifPresent(config -> {
            tabs.getTabs().add(tab("Config", () -> config(config)));
            tabs.getTabs().add(tab("History", () -> history(config)));
        });
        tabs.getTabs().add(tab("Manifest", () -> manifest(content.prettyManifest())));
        tabs.getTabs().add(tab("Referrers", () -> referrers(content)));
        tabs.getSelectionModel().selectFirst();
        fillSelected();
        body.getChildren().setAll(tabs);
    }

    /** An image of the local engine: the same tabs, with what only a registry has said in words. */
    private void show(EngineDetailsContent content) {
        if (content == null) return;
        ImageConfig config = content.details().config();
        tabs.getTabs().setAll(tab("Summary", () -> engineSummary(content)));
        if (!content.layers().isEmpty()) tabs.getTabs().add(tab("Layers", () -> engineLayers(content.layers())));
        tabs.getTabs().add(tab("Config", () -> config(config)));
        tabs.getTabs().add(tab("History", () -> content.details().historyKnown() ? history(config)
                : note("history-note", "The engine did not tell this image's history.")));
        tabs.getTabs().add(tab("Manifest", () -> note("manifest-note", EngineWords.NO_MANIFEST)));
        tabs.getTabs().add(tab("Referrers", () -> note("referrers-note", EngineWords.NO_REFERRERS)));
        tabs.getSelectionModel().selectFirst();
        fillSelected();
        body.getChildren().setAll(tabs);
    }

    private Node engineSummary(EngineDetailsContent content) {
        dev.berth.engine.LocalImage image = content.details().image();
        ImageConfig config = content.details().config();
        GridPane grid = grid();
        int row = 0;
        row = line(grid, row, "Image id", image.id());
        row = line(grid, row, "Names", image.repoTags().isEmpty() ? "none (untagged)" : String.join("\n", image.repoTags()));
        row = line(grid, row, "Registry digests", image.repoDigests().isEmpty() ? EngineWords.NO_REGISTRY_DIGESTS
                : String.join("\n", image.repoDigests()));
        row = line(grid, row, "Manifest", EngineWords.NO_MANIFEST);
        row = line(grid, row, "Size", ByteSize.format(image.size()) + "  " + EngineWords.SIZE);
        row = line(grid, row, "Created", config.created().map(WHEN::format).orElse("unknown"));
        row = line(grid, row, "Platform", config.platform().toString());
        line(grid, row, "Layers", content.layers().size() + "");
        grid.setId("details-summary");
        return scroll(grid);
    }

    /** The engine knows its layers by the digests of their unpacked tars; a registry's digests and sizes are of the compressed ones. */
    private Node engineLayers(List<LayerRow> rows) {
        TableView<LayerRow> table = table("layers-table");
        table.getColumns().setAll(column("#", r -> r.index() + "", 40), column("Diff id (digest of the unpacked layer)", r -> r.digest().toString(), 600));
        table.setItems(FXCollections.observableArrayList(rows));
        Label note = new Label(EngineWords.LAYERS);
        note.setId("layers-note");
        note.setWrapText(true);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the table takes what is left; the note is read whole
        note.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(6, note, table);
        box.setPadding(new Insets(6, 0, 0, 0));
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    private static Node note(String id, String text) {
        Label note = new Label(text);
        note.setId(id);
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.setPadding(new Insets(12));
        return scroll(note);
    }

    /** A tab whose content is built when it is first shown: opening a tag builds one tab, not seven. */
    private static Tab tab(String name, java.util.function.Supplier<Node> content) {
        Tab tab = new Tab(name);
        tab.setId("tab-" + name.toLowerCase());
        tab.setUserData(content);
        return tab;
    }

    private void fillSelected() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected != null && selected.getContent() == null && selected.getUserData() instanceof java.util.function.Supplier<?> content) {
            selected.setContent((Node) content.get());
        }
    }

    private Node summary(ImageDetails details) {
        GridPane grid = grid();
        int row = 0;
        row = line(grid, row, "Reference", viewModel.reference(details));
        row = line(grid, row, "Digest", details.digest().toString());
        row = line(grid, row, "Media type", details.mediaType().value());
        row = line(grid, row, "Size", details.incompleteSize(ByteSize.format(details.size())).orElse(ByteSize.format(details.size())
                + (details.isIndex() ? "  (compressed; each blob of all platforms counted once)" : "  (compressed, as pulled)")));
        if (!details.missingChildren().isEmpty()) {
            row = line(grid, row, "Missing", details.missingChildren().stream()
                    .map(c -> ImageDetails.describe(c) + "  " + c.digest()).collect(java.util.stream.Collectors.joining("\n"))
                    + "\n" + ImageDetails.MISSING_ADVICE);
        }
        row = line(grid, row, "Created", details.created().map(WHEN::format).orElse("unknown"));
        if (details.config().isPresent()) row = line(grid, row, "Platform", details.config().get().platform().toString());
        if (details.isIndex()) {
            row = line(grid, row, "Platforms", details.platforms().size() + "");
            row = line(grid, row, "Attestations", details.attestations().size() + " (not platforms: provenance and SBOMs)");
        } else {
            row = line(grid, row, "Layers", details.layers().size() + "");
        }
        grid.setId("details-summary");
        return scroll(grid);
    }

    private Node layers(List<LayerRow> rows) {
        TableView<LayerRow> table = table("layers-table");
        table.getColumns().setAll(
                column("#", r -> r.index() + "", 40),
                column("Digest", r -> r.digest().toString(), 420),
                whole(column("Size", r -> ByteSize.format(r.size()), 90)),
                whole(column("Shared by", r -> r.sharedByTags() <= 0 ? "" : Plural.of(r.sharedByTags(), "tag", "tags"), 110)),
                column("Media type", LayerRow::mediaType, 300));
        table.setItems(FXCollections.observableArrayList(rows));
        return table;
    }

    private Node platforms(ImageDetails details) {
        TableView<ImageDetails.PlatformDetails> table = table("platforms-table");
        table.getColumns().setAll(
                column("Platform", p -> p.platform().toString(), 150),
                column("Size", p -> ByteSize.format(p.size()), 90),
                column("Created", p -> p.created().map(WHEN::format).orElse(""), 210),
                column("Digest", p -> p.digest().toString(), 450));
        table.setItems(FXCollections.observableArrayList(details.platforms()));
        return table;
    }

    private Node config(ImageConfig config) {
        GridPane grid = grid();
        int row = 0;
        row = line(grid, row, "Entrypoint", String.join(" ", config.entrypoint()));
        row = line(grid, row, "Cmd", String.join(" ", config.cmd()));
        row = line(grid, row, "Working dir", config.workingDir().orElse(""));
        row = line(grid, row, "User", config.user().orElse(""));
        row = line(grid, row, "Exposed ports", String.join(", ", config.exposedPorts()));
        row = line(grid, row, "Env", String.join("\n", config.env()));
        StringBuilder labels = new StringBuilder();
        for (Map.Entry<String, String> label : new java.util.TreeMap<>(config.labels()).entrySet()) {
            labels.append(label.getKey()).append(" = ").append(label.getValue()).append('\n');
        }
        line(grid, row, "Labels", labels.toString().strip());
        grid.setId("details-config");
        return scroll(grid);
    }

    private Node history(ImageConfig config) {
        ListView<String> list = new ListView<>();
        list.setId("history-list");
        list.getStyleClass().add("monospace");
        for (ImageConfig.HistoryEntry step : config.history()) {
            String command = step.createdBy().replaceFirst("^/bin/sh -c #\\(nop\\) *", "").replaceFirst("^/bin/sh -c ", "RUN ");
            list.getItems().add((step.emptyLayer() ? "   " : "▣  ") + command);
        }
        return list;
    }

    private Node manifest(String json) {
        TextArea area = new TextArea(json);
        area.setId("manifest-json");
        area.setEditable(false);
        area.getStyleClass().add("monospace");
        Button copy = new Button("Copy JSON", new FontIcon(Feather.COPY));
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(e -> Clipboards.copy(json));
        VBox box = new VBox(6, copy, area);
        VBox.setVgrow(area, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    private Node referrers(DetailsContent content) {
        TableView<Descriptor> table = table("referrers-table");
        table.getColumns().setAll(
                column("Type", d -> d.artifactType().orElse(d.mediaType().value()), 260),
                column("Digest", d -> d.digest().toString(), 450),
                column("Size", d -> ByteSize.format(d.size()), 90));
        table.setItems(FXCollections.observableArrayList(content.referrers()));
        table.setPlaceholder(new Label(content.referrersNote()));
        return table;
    }

    private static <T> TableView<T> table(String id) {
        TableView<T> table = new TableView<>();
        table.setId(id);
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** A short column the table's resize policy must not squeeze ("Shared by" read "Shar…" at 1280×800): digests give way first. */
    private static <T> TableColumn<T, String> whole(TableColumn<T, String> column) {
        column.setMinWidth(column.getPrefWidth());
        return column;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        return grid;
    }

    private static int line(GridPane grid, int row, String name, String value) {
        Label key = new Label(name);
        key.getStyleClass().add(Styles.TEXT_MUTED);
        key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a long value wraps; the key is never cut to "…"
        Label text = new Label(value.isEmpty() ? "—" : value);
        text.setWrapText(true);
        text.setId("summary-" + name.toLowerCase().replace(' ', '-'));
        grid.addRow(row, key, text);
        return row + 1;
    }

    private static ScrollPane scroll(Node node) {
        ScrollPane pane = new ScrollPane(node);
        pane.setFitToWidth(true);
        return pane;
    }

}
