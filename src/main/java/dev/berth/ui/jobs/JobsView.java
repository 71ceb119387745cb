package dev.berth.ui.jobs;

import atlantafx.base.theme.Styles;
import dev.berth.ui.common.LazyPane;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The jobs panel docked at the bottom of the main window: a header that opens and closes it, and
 * one row per job, newest first.
 *
 * <p>A view of our own rather than ControlsFX's {@code TaskProgressView}: that view shows
 * {@code javafx.concurrent.Task}s, one bar each, and drops a task when it ends; our jobs run below
 * the UI in the {@code JobService} (no JavaFX there), stay in the list when they finish or fail,
 * are retried in place, and expand into a bar per layer.
 */
public final class JobsView extends VBox {

    private final JobsViewModel viewModel;
    private final VBox rowsBox = new VBox();
    private final Label empty = new Label("Exports, copies, pushes and retags run here. Start one from a tag's menu.");
    private final LazyPane<VBox> body = new LazyPane<>(this::body);
    private final Map<JobRow, Node> rowViews = new IdentityHashMap<>();

    public JobsView(JobsViewModel viewModel) {
        this.viewModel = viewModel;
        createView();
    }

    private void createView() {
        setId("jobs-panel");
        getStylesheets().add(JobsView.class.getResource("jobs.css").toExternalForm());
        Button toggle = new Button("Jobs");
        toggle.setId("jobs-toggle");
        toggle.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        toggle.setOnAction(e -> viewModel.expandedProperty().set(!viewModel.expandedProperty().get()));
        viewModel.expandedProperty().addListener((obs, old, open) -> toggle.setGraphic(chevron(open)));
        toggle.setGraphic(chevron(viewModel.expandedProperty().get()));
        Label status = new Label();
        status.setId("jobs-status");
        status.textProperty().bind(viewModel.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button clear = new Button("Clear finished");
        clear.setId("jobs-clear");
        clear.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        clear.setOnAction(e -> viewModel.clearFinished());
        HBox header = new HBox(8, toggle, status, spacer, clear);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(2, 10, 2, 4));
        header.getStyleClass().add("jobs-header");

        clear.visibleProperty().bind(viewModel.expandedProperty());
        getChildren().add(header);
        getStyleClass().add("jobs-panel");
        // The list is built when the panel first opens: most starts never open it.
        viewModel.expandedProperty().addListener((obs, old, open) -> {
            if (open && !body.isBuilt()) getChildren().add(body.get());
        });
        if (viewModel.expandedProperty().get()) getChildren().add(body.get());
        viewModel.rows().addListener((ListChangeListener<JobRow>) change -> {
            if (body.isBuilt()) showRows();
        });
    }

    private VBox body() {
        rowsBox.setId("jobs-rows");
        rowsBox.setFillWidth(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(rowsBox);
        scroll.setId("jobs-scroll");
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(200);
        scroll.setMinHeight(80);
        VBox box = new VBox(scroll);
        box.visibleProperty().bind(viewModel.expandedProperty());
        box.managedProperty().bind(viewModel.expandedProperty());
        showRows();
        return box;
    }

    /** The status bar's job count: the same words, and a click opens the panel. */
    public Node statusCount() {
        Button count = new Button();
        count.setId("status-jobs");
        count.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        count.textProperty().bind(viewModel.statusProperty());
        count.setGraphic(new FontIcon(Feather.LAYERS));
        count.visibleProperty().bind(viewModel.statusProperty().isNotEqualTo("No jobs"));
        count.managedProperty().bind(count.visibleProperty());
        viewModel.failedProperty().addListener((obs, old, failed) -> {
            if (failed.intValue() > 0 && !count.getStyleClass().contains(Styles.DANGER)) count.getStyleClass().add(Styles.DANGER);
            if (failed.intValue() == 0) count.getStyleClass().remove(Styles.DANGER);
        });
        count.setOnAction(e -> viewModel.expandedProperty().set(true));
        return count;
    }

    private void showRows() {
        if (viewModel.rows().isEmpty()) {
            rowViews.clear();
            rowsBox.getChildren().setAll(empty);
            return;
        }
        Map<JobRow, Node> shown = new IdentityHashMap<>();
        for (JobRow row : viewModel.rows()) shown.put(row, rowViews.containsKey(row) ? rowViews.get(row) : new JobRowView(row, viewModel));
        rowViews.clear();
        rowViews.putAll(shown);
        List<Node> wanted = viewModel.rows().stream().map(rowViews::get).toList();
        javafx.collections.ObservableList<Node> current = rowsBox.getChildren();
        int added = wanted.size() - current.size();
        if (added >= 0 && wanted.subList(added, wanted.size()).equals(current)) {
            current.addAll(0, wanted.subList(0, added)); // new jobs come on top: the rows already shown stay put, not re-parented
        } else {
            current.setAll(wanted);
        }
    }

    private static FontIcon chevron(boolean open) {
        return new FontIcon(open ? Feather.CHEVRON_DOWN : Feather.CHEVRON_UP);
    }
}
