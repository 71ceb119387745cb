package dev.berth.ui.cleanup;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.cleanup.RetentionRules;
import dev.berth.cleanup.TagDecision;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The cleanup pane: rules on top (folded once there is a preview), the summary with image sizes by age,
 * the preview table in the middle, apply / undo and the GC command below.
 */
public final class CleanupView extends BorderPane {

    private final CleanupViewModel viewModel;
    private Runnable onBack = () -> {};

    public CleanupView(CleanupViewModel viewModel) {
        this.viewModel = viewModel;
        createView();
    }

    public void setOnBack(Runnable handler) {
        onBack = handler;
    }

    private void createView() {
        setId("cleanup");
        getStylesheets().add(CleanupView.class.getResource("cleanup.css").toExternalForm());
        Label title = new Label();
        title.setId("cleanup-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.textProperty().bind(Bindings.createStringBinding(() -> viewModel.targetProperty().get() == null ? ""
                : "Clean up " + viewModel.targetProperty().get().label(), viewModel.targetProperty()));
        Button back = new Button("Back", new FontIcon(Feather.ARROW_LEFT));
        back.setId("cleanup-back");
        back.getStyleClass().add(Styles.FLAT);
        back.setOnAction(e -> onBack.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, back);
        header.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox(10, header, rulesBar(), summary());
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);
        setCenter(table());
        setBottom(actions());
    }

    private GridPane rules() {
        RuleForm form = viewModel.form();
        CheckBox useKeep = new CheckBox("Keep the newest");
        useKeep.setId("rule-keep-enabled");
        useKeep.selectedProperty().bindBidirectional(form.useKeepLastProperty());
        Spinner<Integer> keep = new Spinner<>(0, 10_000, form.keepLastProperty().get());
        keep.setId("rule-keep-last");
        keep.setEditable(true);
        keep.setPrefWidth(90);
        // Both ways: the form edits the rule, and a rule set elsewhere (a saved policy) shows in the form.
        keep.valueProperty().addListener((obs, old, value) -> form.keepLastProperty().set(value));
        form.keepLastProperty().addListener((obs, old, value) -> keep.getValueFactory().setValue(value.intValue()));
        keep.disableProperty().bind(useKeep.selectedProperty().not());
        ComboBox<RetentionRules.Order> order = new ComboBox<>();
        order.setId("rule-order");
        order.getItems().setAll(RetentionRules.Order.values());
        order.valueProperty().bindBidirectional(form.orderProperty());
        order.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(RetentionRules.Order value) {
                return value == RetentionRules.Order.VERSION ? "by version (semver)" : "by created date";
            }

            @Override
            public RetentionRules.Order fromString(String text) {
                return text.startsWith("by version") ? RetentionRules.Order.VERSION : RetentionRules.Order.CREATED;
            }
        });
        Label images = new Label("images (distinct digests),");

        CheckBox useAge = new CheckBox("Only images older than");
        useAge.setId("rule-age-enabled");
        useAge.selectedProperty().bindBidirectional(form.useOlderThanProperty());
        TextField age = field("rule-older-than", "30d, 12h, 2w", form.olderThanProperty());
        age.disableProperty().bind(useAge.selectedProperty().not());
        age.setPrefColumnCount(6);

        TextField include = field("rule-include", "regex, e.g. pr-.*|feature-.*", form.includeProperty());
        TextField exclude = field("rule-exclude", "regex", form.excludeProperty());
        TextField protect = field("rule-protect", "regex, e.g. latest|stable|v\\d+\\.\\d+\\.\\d+", form.protectProperty());
        Label error = new Label();
        error.setId("rule-error");
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(form.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, useKeep, new HBox(8, keep, images, order));
        grid.addRow(1, useAge, age);
        grid.addRow(2, new Label("Only tags matching"), include);
        grid.addRow(3, new Label("Never tags matching"), exclude);
        grid.addRow(4, new Label("Protect tags matching"), protect);
        grid.add(error, 1, 5);
        grid.addRow(6, new Label("Policy"), policyBar());
        // The names of the rules keep their width; the fields beside them give way (at 1280 px with the tree at its
        // third the pane is about 700 px wide).
        grid.getChildren().stream().filter(node -> GridPane.getColumnIndex(node) == null || GridPane.getColumnIndex(node) == 0)
                .filter(Region.class::isInstance).map(Region.class::cast).forEach(name -> name.setMinWidth(Region.USE_PREF_SIZE));
        grid.setId("cleanup-rules");
        return grid;
    }

    /**
     * The rules fold away once there is a preview, so the table has the room; the title still says
     * what they are. Without a preview, or with a rule to fix, they open again.
     */
    private TitledPane rulesPane() {
        TitledPane pane = new TitledPane();
        pane.setId("cleanup-rules-pane");
        pane.setContent(rules());
        pane.setAnimated(false);
        pane.textProperty().bind(Bindings.createStringBinding(() -> viewModel.form().description().get().isEmpty() ? "Rules"
                : "Rules: " + viewModel.form().description().get(), viewModel.form().description()));
        viewModel.planProperty().addListener((obs, old, plan) -> pane.setExpanded(plan == null));
        viewModel.resultProperty().addListener((obs, old, result) -> {
            if (result != null) pane.setExpanded(false);
        });
        viewModel.form().errorProperty().addListener((obs, old, error) -> {
            if (!error.isEmpty()) pane.setExpanded(true);
        });
        // The view is built when first shown (MainView): a preview may be there already.
        pane.setExpanded(!viewModel.form().errorProperty().get().isEmpty()
                || viewModel.planProperty().get() == null && viewModel.resultProperty().get() == null);
        return pane;
    }

    /** The rules and, beside their title, Preview: it stays in reach when they are folded. */
    private HBox rulesBar() {
        TitledPane rules = rulesPane();
        HBox.setHgrow(rules, Priority.ALWAYS);
        Button preview = new Button("Preview", new FontIcon(Feather.EYE));
        preview.setId("cleanup-preview");
        preview.getStyleClass().add(Styles.ACCENT);
        preview.setDefaultButton(true);
        preview.disableProperty().bind(viewModel.busyProperty());
        preview.setOnAction(e -> viewModel.preview());
        preview.setMinWidth(Region.USE_PREF_SIZE); // it read "Prev…" at 1280 px: the rules pane gives way, not the button
        HBox bar = new HBox(10, rules, preview);
        bar.setAlignment(Pos.TOP_LEFT);
        return bar;
    }

    private VBox policyBar() {
        Button save = new Button("Save as this connection's policy", new FontIcon(Feather.SAVE));
        save.setId("policy-save");
        save.setOnAction(e -> viewModel.policy().save());
        Button export = new Button("Export policy…", new FontIcon(Feather.UPLOAD));
        export.setId("policy-export");
        export.setOnAction(e -> viewModel.policy().export());
        Button importButton = new Button("Import policy…", new FontIcon(Feather.DOWNLOAD));
        importButton.setId("policy-import");
        importButton.setOnAction(e -> viewModel.policy().importFile());
        for (Button b : new Button[] {save, export, importButton}) {
            b.getStyleClass().add(Styles.SMALL);
            b.disableProperty().bind(viewModel.busyProperty());
        }
        Label status = new Label();
        status.setId("policy-status");
        status.setWrapText(true);
        status.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        status.textProperty().bind(viewModel.policy().statusProperty());
        // Three buttons side by side want about 480 px: where the pane is narrower the last ones go to a second line.
        FlowPane buttons = new FlowPane(8, 6, save, export, importButton);
        for (Button b : new Button[] {save, export, importButton}) b.setMinWidth(Region.USE_PREF_SIZE);
        return new VBox(4, buttons, status);
    }

    private HBox summary() {
        Label summary = new Label();
        summary.setId("cleanup-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(viewModel.summaryProperty());
        Label lowerBound = new Label();
        lowerBound.setId("cleanup-lower-bound");
        // The target can change between previews (a registry, then a folder): the note follows each plan.
        lowerBound.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(viewModel::reclaimableNote, viewModel.planProperty()));
        lowerBound.setWrapText(true);
        lowerBound.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        lowerBound.visibleProperty().bind(viewModel.planProperty().isNotNull());
        lowerBound.managedProperty().bind(lowerBound.visibleProperty());
        Label untagNote = new Label();
        untagNote.setId("cleanup-untag-note");
        untagNote.setWrapText(true);
        untagNote.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL);
        untagNote.textProperty().bind(viewModel.untagNoteProperty());
        untagNote.visibleProperty().bind(viewModel.untagNoteProperty().isNotEmpty());
        untagNote.managedProperty().bind(untagNote.visibleProperty());
        VBox text = new VBox(4, summary, untagNote, lowerBound);
        text.setMinWidth(0);
        text.setPrefWidth(0); // what the chart leaves; the labels wrap
        HBox.setHgrow(text, Priority.ALWAYS);
        AgeChart ages = new AgeChart(viewModel.ageBuckets());
        ages.visibleProperty().bind(viewModel.planProperty().isNotNull());
        ages.managedProperty().bind(ages.visibleProperty());
        return new HBox(16, text, ages);
    }

    private TableView<TagDecision> table() {
        TableView<TagDecision> table = new TableView<>(viewModel.decisions());
        table.setId("cleanup-table");
        table.setMinHeight(90); // the result and GC command below must not squeeze the preview to one row
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Compose the rules and press Preview: nothing is deleted until you apply."));
        TableColumn<TagDecision, String> repository = column("Repository", TagDecision::repository, 160);
        repository.setId("cleanup-column-repository");
        repository.visibleProperty().bind(viewModel.manyRepositoriesProperty());
        TableColumn<TagDecision, String> tag = column("Tag", d -> d.tag(), 170);
        TableColumn<TagDecision, String> digest = column("Digest", d -> d.digest().shortHex(), 120);
        TableColumn<TagDecision, String> fate = column("Fate", d -> d.fate().name().toLowerCase(java.util.Locale.ROOT), 80);
        fate.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS, Styles.WARNING);
                if (!empty && value != null) {
                    // Untag in amber: the tag goes, the image (and its space) stays.
                    getStyleClass().add(switch (value) {
                        case "delete" -> Styles.DANGER;
                        case "untag" -> Styles.WARNING;
                        default -> Styles.SUCCESS;
                    });
                }
            }
        });
        TableColumn<TagDecision, String> reason = column("Why", d -> d.reason().describe(), 400);
        table.getColumns().setAll(repository, tag, digest, fate, reason);
        return table;
    }

    private VBox actions() {
        ProgressBar progress = new ProgressBar();
        progress.setId("cleanup-progress");
        progress.setPrefWidth(200);
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        Button apply = new Button("Delete what the preview shows", new FontIcon(Feather.TRASH_2));
        apply.setId("cleanup-apply");
        apply.getStyleClass().add(Styles.DANGER);
        apply.disableProperty().bind(viewModel.canApply().not());
        apply.setOnAction(e -> viewModel.apply());
        Button cancel = new Button("Cancel", new FontIcon(Feather.X));
        cancel.setId("cleanup-cancel");
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.setOnAction(e -> viewModel.cancel());
        Button undo = new Button("Undo", new FontIcon(Feather.ROTATE_CCW));
        undo.setId("cleanup-undo");
        undo.disableProperty().bind(viewModel.canUndo().not());
        undo.setOnAction(e -> viewModel.undo());
        Button emptyTrash = new Button("Empty trash", new FontIcon(Feather.TRASH_2));
        emptyTrash.setId("cleanup-empty-trash");
        emptyTrash.setTooltip(new Tooltip("Delete for good the layers this folder's cleanup set aside: the space comes back, "
                + "and Undo can no longer bring those images back."));
        emptyTrash.visibleProperty().bind(viewModel.canEmptyTrash());
        emptyTrash.managedProperty().bind(emptyTrash.visibleProperty());
        emptyTrash.setOnAction(e -> viewModel.emptyTrash());
        HBox buttons = new HBox(8, apply, undo, emptyTrash, progress, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label result = new Label();
        result.setId("cleanup-result");
        result.setWrapText(true);
        result.textProperty().bind(viewModel.resultTextProperty());
        TextArea gc = new TextArea(viewModel.garbageCollectionAdvice());
        gc.setId("cleanup-gc");
        gc.setEditable(false);
        gc.setPrefRowCount(4);
        gc.getStyleClass().add("monospace");
        Tooltip when = new Tooltip(viewModel.whenSpaceComesBack());
        gc.setTooltip(when);
        gc.visibleProperty().bind(viewModel.showsGarbageCollectionAdvice());
        viewModel.resultProperty().addListener((obs, old, applied) -> {
            gc.setText(viewModel.garbageCollectionAdvice());
            when.setText(viewModel.whenSpaceComesBack());
        });
        gc.managedProperty().bind(gc.visibleProperty());
        VBox box = new VBox(8, buttons, result, gc);
        box.setPadding(new Insets(10, 0, 0, 0));
        return box;
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        field.setPrefColumnCount(28);
        return field;
    }

    private static TableColumn<TagDecision, String> column(String name, java.util.function.Function<TagDecision, String> value, double width) {
        TableColumn<TagDecision, String> column = new TableColumn<>(name);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
