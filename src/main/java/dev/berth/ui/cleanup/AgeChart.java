package dev.berth.ui.cleanup;

import dev.berth.domain.Plural;
import atlantafx.base.theme.Styles;
import dev.berth.cleanup.AgeHistogram;
import dev.berth.cleanup.AgeHistogram.Age;
import dev.berth.domain.ByteSize;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/** The preview's image sizes by age as stacked bars: per age bracket, what stays and what would go. */
final class AgeChart extends VBox {

    private static final String KEPT = "kept";
    private static final String DELETED = "would be deleted";

    private final Map<Age, Bar> kept = new EnumMap<>(Age.class);
    private final Map<Age, Bar> deleted = new EnumMap<>(Age.class);

    /** One bar of a bracket, with the tooltip that gives its exact figures. */
    private record Bar(XYChart.Data<String, Number> data, Tooltip tooltip) {}

    AgeChart(ObservableList<AgeHistogram.Bucket> buckets) {
        CategoryAxis ages = new CategoryAxis(FXCollections.observableArrayList(Arrays.stream(Age.values()).map(Age::shortLabel).toList()));
        NumberAxis bytes = new NumberAxis();
        bytes.setMinorTickVisible(false);
        bytes.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return ByteSize.format(Math.max(0, value.longValue()));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the axis only shows sizes");
            }
        });
        StackedBarChart<String, Number> chart = new StackedBarChart<>(ages, bytes);
        chart.setId("cleanup-age-chart");
        chart.setAnimated(false); // a new preview replaces the bars at once, as it replaces the table
        chart.setLegendVisible(false); // a chart this low drops its own legend; the one below stays
        chart.setCategoryGap(6);
        chart.setVerticalGridLinesVisible(false);
        chart.setPrefHeight(130);
        chart.setMinHeight(130); // with the breadcrumb above, 150 left the applied preview under four rows at 800 px
        // Both series once, with a bar per bracket; a new histogram only moves the bars.
        chart.getData().setAll(List.of(series(KEPT, kept), series(DELETED, deleted)));

        Label caption = new Label("Image size by age: shared layers count in each image; reclaimable space is in the summary.");
        caption.setTooltip(new Tooltip("So the bars add up to more than the registry stores. "
                + "The space a cleanup gives back is the figure in the summary."));
        caption.setId("cleanup-age-caption");
        caption.setWrapText(true);
        caption.setMinWidth(0);
        caption.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox legend = new HBox(8, swatch(KEPT, "age-kept"), swatch(DELETED, "age-deleted"), caption);
        HBox.setHgrow(caption, Priority.ALWAYS);
        legend.setAlignment(Pos.TOP_LEFT);
        legend.setPadding(new Insets(0, 0, 0, 8));
        getChildren().setAll(chart, legend);
        setSpacing(2);
        setMinWidth(USE_PREF_SIZE);
        setPrefWidth(470);

        buckets.addListener((ListChangeListener<AgeHistogram.Bucket>) change -> show(buckets));
        show(buckets);
    }

    private static XYChart.Series<String, Number> series(String name, Map<Age, Bar> bars) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (Age age : Age.values()) {
            Bar bar = new Bar(new XYChart.Data<>(age.shortLabel(), 0), new Tooltip());
            bar.tooltip().setShowDelay(Duration.millis(200));
            // The chart makes the bar's node when the series joins it.
            bar.data().nodeProperty().addListener((obs, old, node) -> {
                if (node != null) Tooltip.install(node, bar.tooltip());
            });
            bars.put(age, bar);
            series.getData().add(bar.data());
        }
        return series;
    }

    private static Label swatch(String text, String styleClass) {
        Region colour = new Region();
        colour.getStyleClass().addAll("age-swatch", styleClass);
        Label label = new Label(text, colour);
        label.getStyleClass().add(Styles.TEXT_SMALL);
        label.setMinWidth(USE_PREF_SIZE);
        return label;
    }

    private void show(List<AgeHistogram.Bucket> buckets) {
        for (Age age : Age.values()) {
            AgeHistogram.Bucket bucket = buckets.stream().filter(b -> b.age() == age).findFirst()
                    .orElse(new AgeHistogram.Bucket(age, 0, 0, 0, 0));
            set(kept.get(age), age, bucket.keptImages(), bucket.keptBytes(), KEPT);
            set(deleted.get(age), age, bucket.deletedImages(), bucket.deletedBytes(), DELETED);
        }
    }

    private static void set(Bar bar, Age age, int images, long bytes, String fate) {
        bar.data().setYValue(bytes);
        bar.tooltip().setText(age.label() + ": " + Plural.of(images, "image", "images") + " " + fate + ", "
                + ByteSize.format(bytes) + " (" + String.format(Locale.ROOT, "%,d", bytes) + " bytes)");
    }
}
