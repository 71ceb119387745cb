package dev.berth.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/** Finds visible labels and buttons whose text the skin cut short ("Cl…"), to assert that nothing essential is. */
public final class Truncation {

    private Truncation() {}

    /** "text shown as 'shown'" for every visible Labeled under {@code root} whose text is elided. Call on the FX thread. */
    public static List<String> elided(Parent root) {
        return elided(root, node -> false);
    }

    /** As {@link #elided(Parent)}, leaving out what {@code mayBeCut} accepts (e.g. cells of free-text columns). */
    public static List<String> elided(Parent root, java.util.function.Predicate<Labeled> mayBeCut) {
        // The shown text is cut in the skin's layout pass: a label whose text or width just changed still
        // shows what the last pulse made of it. Lay the scene out now rather than hope a pulse came.
        if (root.getScene() != null) FxWaits.layOutNow(root.getScene());
        List<String> found = new ArrayList<>();
        collect(root, found, mayBeCut);
        return found;
    }

    private static void collect(Node node, List<String> found, java.util.function.Predicate<Labeled> mayBeCut) {
        if (!node.isVisible()) return;
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty() && !mayBeCut.test(labeled)) {
            String shown = shownText(labeled);
            if (shown != null && !shown.equals(labeled.getText())) {
                found.add((labeled.getId() == null ? labeled.getClass().getSimpleName() : "#" + labeled.getId())
                        + " '" + labeled.getText() + "' shown as '" + shown + "'");
            }
        }
        if (node instanceof Parent parent) for (Node child : parent.getChildrenUnmodifiable()) collect(child, found, mayBeCut);
    }

    /** The text the skin renders (its LabeledText child), or null before the skin exists. */
    private static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) return text.getText();
        }
        return null;
    }
}
