package dev.berth.ui.jobs;

import atlantafx.base.theme.Styles;
import dev.berth.jobs.JobState;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One job: state, title, overall bar, speed and time left, cancel and retry, and its layers when expanded. */
final class JobRowView extends VBox {

    private final JobRow row;
    private final VBox layersBox = new VBox(2);

    JobRowView(JobRow row, JobsViewModel viewModel) {
        this.row = row;
        setId("job-" + (row.earlier() ? "earlier-" + System.identityHashCode(row) : row.id()));
        getStyleClass().add("job-row");
        setSpacing(3);
        setPadding(new Insets(6, 10, 6, 10));

        Label state = new Label();
        state.getStyleClass().add("job-state");
        state.setMinWidth(Region.USE_PREF_SIZE);
        row.stateProperty().addListener((obs, old, now) -> showState(state, now));
        showState(state, row.stateProperty().get());
        Label title = new Label();
        title.getStyleClass().addAll("job-title", Styles.TEXT_BOLD);
        title.textProperty().bind(row.titleProperty());
        title.setMinWidth(120);
        Label route = new Label();
        route.getStyleClass().addAll("job-route", Styles.TEXT_MUTED);
        route.textProperty().bind(row.routeProperty());
        HBox.setHgrow(route, Priority.ALWAYS);
        route.setMaxWidth(Double.MAX_VALUE);
        Label speed = new Label();
        speed.getStyleClass().add("job-speed");
        speed.textProperty().bind(row.speedProperty());
        speed.setMinWidth(Region.USE_PREF_SIZE);
        Button cancel = new Button(null, new FontIcon(Feather.X));
        cancel.getStyleClass().addAll("job-cancel", Styles.FLAT, Styles.SMALL);
        tooltipOnHover(cancel, "Cancel this job");
        cancel.visibleProperty().bind(row.canCancelProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> viewModel.cancel(row));
        Button retry = new Button("Retry", new FontIcon(Feather.ROTATE_CW));
        retry.getStyleClass().addAll("job-retry", Styles.SMALL);
        retry.visibleProperty().bind(row.canRetryProperty().and(javafx.beans.binding.Bindings.createBooleanBinding(() -> !row.earlier())));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> viewModel.retry(row));
        ToggleButton layers = new ToggleButton(null, new FontIcon(Feather.LIST));
        layers.getStyleClass().addAll("job-layers", Styles.FLAT, Styles.SMALL);
        tooltipOnHover(layers, "Show a bar per layer");
        layers.setVisible(row.showsLayers());
        layers.setManaged(row.showsLayers());
        HBox top = new HBox(8, state, title, route, speed, retry, cancel, layers);
        top.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("job-progress");
        bar.progressProperty().bind(row.fractionProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefHeight(8);
        Label detail = new Label();
        detail.getStyleClass().addAll("job-detail", Styles.TEXT_SMALL);
        detail.textProperty().bind(row.detailProperty());
        detail.setWrapText(true);

        layersBox.getStyleClass().add("job-layer-list");
        layersBox.setPadding(new Insets(2, 0, 2, 24));
        layersBox.visibleProperty().bind(layers.selectedProperty());
        layersBox.managedProperty().bind(layers.selectedProperty());
        // Layer bars are built only while shown: twenty jobs of many layers would otherwise be thousands of idle nodes.
        row.layers().addListener((ListChangeListener<LayerRow>) c -> {
            if (layers.isSelected()) showLayers();
        });
        layers.selectedProperty().addListener((obs, old, shown) -> {
            if (shown) showLayers();
            else layersBox.getChildren().clear();
        });
        getChildren().addAll(top, bar, detail, layersBox);
    }


    /**
     * A tooltip is a popup window of its own, too heavy to make for every button of twenty rows in
     * one FX update: it is made when the pointer first reaches the button.
     */
    private static void tooltipOnHover(javafx.scene.control.Control control, String text) {
        control.setAccessibleText(text);
        control.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> {
            if (control.getTooltip() == null) control.setTooltip(new Tooltip(text));
        });
    }

    private void showLayers() {
        // Layers only ever get added during an attempt; a new attempt clears them.
        if (row.layers().size() < layersBox.getChildren().size()) layersBox.getChildren().clear();
        for (int i = layersBox.getChildren().size(); i < row.layers().size(); i++) layersBox.getChildren().add(layerView(row.layers().get(i)));
    }

    private static HBox layerView(LayerRow layer) {
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().addAll("layer-progress", Styles.SMALL);
        bar.progressProperty().bind(layer.fractionProperty());
        bar.setPrefWidth(220);
        bar.setMinWidth(120);
        Label text = new Label();
        text.getStyleClass().addAll("layer-text", Styles.TEXT_SMALL);
        text.textProperty().bind(layer.textProperty());
        HBox line = new HBox(8, bar, text);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    private static void showState(Label label, JobState state) {
        label.setText(state.word());
        label.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.ACCENT, Styles.WARNING);
        label.getStyleClass().add(switch (state) {
            case DONE -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            case RUNNING -> Styles.ACCENT;
            case QUEUED, CANCELLED -> Styles.WARNING;
        });
    }
}
