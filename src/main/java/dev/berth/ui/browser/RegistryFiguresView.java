package dev.berth.ui.browser;

import dev.berth.domain.Plural;
import atlantafx.base.theme.Styles;
import dev.berth.browse.RecentPush;
import dev.berth.browse.RegistryFigures;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The overview's figures: repositories, tags, images, size as pulled, how much is read, and the recent pushes to open. */
final class RegistryFiguresView extends VBox {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final RegistryOverviewModel model;
    private final Consumer<RecentPush> onOpen;
    private final Figure repositories = new Figure("figure-repositories");
    private final Figure tags = new Figure("figure-tags");
    private final Figure images = new Figure("figure-images");
    private final Figure size = new Figure("figure-size");
    private final Label progressText = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Stop reading", new FontIcon(Feather.X_CIRCLE));
    private final Button readRest = new Button();
    private final Label problem = new Label();
    private final VBox recent = new VBox(2);

    RegistryFiguresView(RegistryOverviewModel model, Consumer<RecentPush> onOpen) {
        this.model = model;
        this.onOpen = onOpen;
        createView();
        model.figuresProperty().addListener(obs -> update());
        model.scanningProperty().addListener(obs -> update());
        model.scanProblemProperty().addListener(obs -> update());
        update();
    }

    private void createView() {
        setId("registry-figures");
        setSpacing(10);
        FlowPane cards = new FlowPane(28, 10, repositories, tags, images, size);
        progressText.setId("figures-progress");
        progressText.setWrapText(true);
        progress.setId("figures-progress-bar");
        progress.setPrefWidth(160);
        cancel.setId("figures-cancel");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setOnAction(e -> model.cancelScan());
        readRest.setId("figures-read-rest");
        readRest.setMinWidth(Region.USE_PREF_SIZE);
        readRest.setGraphic(new FontIcon(Feather.LAYERS));
        readRest.setOnAction(e -> model.scanRest());
        HBox progressRow = new HBox(10, progress, progressText, cancel, readRest);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        problem.setId("figures-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        recent.setId("recent-pushes");
        getChildren().addAll(cards, progressRow, problem, recent);
    }

    private void update() {
        RegistryFigures f = model.figuresProperty().get();
        boolean scanning = model.scanningProperty().get();
        repositories.show(FiguresText.count(f.repositories()), FiguresText.repositories(f));
        tags.show(FiguresText.count(f.tags()), FiguresText.tags(f));
        images.show(FiguresText.imagesValue(f), FiguresText.images(f));
        size.show(FiguresText.sizeValue(f), FiguresText.size(f));
        progressText.setText(FiguresText.progress(f, scanning));
        show(progress, scanning);
        progress.setProgress(f.scanFraction());
        show(cancel, scanning);
        int rest = f.repositories() - f.repositoriesScanned() - f.repositoriesFailed();
        show(readRest, !scanning && f.catalogEnded() && rest > 0);
        readRest.setText("Read the other " + FiguresText.count(rest) + " " + Plural.word(rest, "repository", "repositories"));
        problem.setText(model.scanProblemProperty().get());
        show(problem, !problem.getText().isEmpty());
        updateRecent(f);
    }

    private void updateRecent(RegistryFigures f) {
        recent.getChildren().clear();
        if (f.recentPushes().isEmpty()) return;
        Label title = new Label(f.scanComplete() ? "Recent pushes (by image creation date)"
                : "Recent pushes so far (by image creation date, in the repositories read)");
        title.getStyleClass().add(Styles.TITLE_4);
        recent.getChildren().add(title);
        for (RecentPush push : f.recentPushes()) {
            Hyperlink link = new Hyperlink(push.repository() + ":" + push.tag());
            link.getStyleClass().add("recent-push");
            link.setOnAction(e -> onOpen.accept(push));
            Label when = new Label(DATE.format(push.created()));
            when.getStyleClass().add(Styles.TEXT_MUTED);
            when.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(8, link, when);
            row.setAlignment(Pos.CENTER_LEFT);
            recent.getChildren().add(row);
        }
    }

    private static void show(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    /** One figure: a big number and what it counts. */
    private static final class Figure extends VBox {
        private final Label value = new Label();
        private final Label caption = new Label();

        Figure(String id) {
            setId(id);
            value.getStyleClass().add(Styles.TITLE_2);
            value.getStyleClass().add("figure-value");
            value.setMinWidth(Region.USE_PREF_SIZE);
            caption.getStyleClass().addAll(Styles.TEXT_MUTED, "figure-caption");
            caption.setWrapText(true);
            caption.setMaxWidth(220);
            getChildren().addAll(value, caption);
        }

        void show(String number, String words) {
            value.setText(number);
            caption.setText(words);
        }
    }
}
