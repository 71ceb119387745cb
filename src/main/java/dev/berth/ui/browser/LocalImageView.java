package dev.berth.ui.browser;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The main pane for the "Local images" node: which engine, how many images. One image opens in
 * the details pane, as a registry tag does.
 */
public final class LocalImageView extends VBox {

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
