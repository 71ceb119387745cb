package dev.berth.ui.browser;

import atlantafx.base.theme.Styles;
import dev.berth.domain.ByteSize;
import dev.berth.engine.LocalImage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The main pane for the "Local images" node and for one local image: what the engine's image list
 * tells (names, id, digests, size, created). Layers and config are not read here: that would mean
 * saving the whole image out of the engine, which Export… does when asked.
 */
public final class LocalImageView extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final GridPane facts = new GridPane();
    private final Label note = new Label();

    public LocalImageView() {
        setId("local-image");
        setSpacing(10);
        setPadding(new Insets(12));
        title.setId("local-image-title");
        title.getStyleClass().add(Styles.TITLE_3);
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        facts.setId("local-image-facts");
        facts.setHgap(16);
        facts.setVgap(6);
        note.setId("local-image-note");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        getChildren().addAll(title, subtitle, facts, note);
    }

    /** The node: which engine, how many images. */
    public void show(LocalImagesNode images) {
        title.setText("Local images");
        subtitle.setText(images.engineProperty().get());
        int tagged = (int) images.groups().stream().filter(g -> !g.repository().isEmpty()).count();
        long untagged = images.groups().stream().filter(g -> g.repository().isEmpty()).mapToLong(g -> g.entries().size()).sum();
        fill(List.of(
                new String[] {"Images", String.valueOf(images.imageCount())},
                new String[] {"Repositories", String.valueOf(tagged)},
                new String[] {"Untagged", String.valueOf(untagged)}));
        note.setText("Push… or Export… on an image in the tree; Pull to local engine on a registry tag brings one here.");
    }

    /** One image under one of its names. */
    public void show(LocalImagesNode.Entry entry) {
        LocalImage image = entry.image();
        title.setText(entry.repository().isEmpty() ? "Untagged image " + image.shortId() : entry.name());
        subtitle.setText("In the local engine");
        fill(List.of(
                new String[] {"Image id", image.id()},
                new String[] {"Names", image.repoTags().isEmpty() ? "none" : String.join(", ", image.repoTags())},
                new String[] {"Registry digests", image.repoDigests().isEmpty() ? "none (never pulled or pushed by digest)"
                        : String.join("\n", image.repoDigests())},
                new String[] {"Size", ByteSize.format(image.size()) + " as the engine stores it (unpacked)"},
                new String[] {"Created", image.created().getEpochSecond() == 0 ? "unknown" : WHEN.format(image.created())}));
        note.setText("Layers, platform and config are not shown for local images yet: Export… writes the image to a file or "
                + "folder, and Push… to a registry, where its details can be opened like any tag.");
    }

    private void fill(List<String[]> rows) {
        facts.getChildren().clear();
        for (int i = 0; i < rows.size(); i++) {
            Label key = new Label(rows.get(i)[0]);
            key.getStyleClass().add(Styles.TEXT_MUTED);
            key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the value wraps; the key is never cut
            Label value = new Label(rows.get(i)[1]);
            value.setWrapText(true);
            facts.addRow(i, key, value);
        }
    }
}
