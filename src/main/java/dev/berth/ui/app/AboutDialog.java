package dev.berth.ui.app;

import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The About dialog: version, where Berth keeps its files (selectable, to paste into a file manager) and the bundled licences. */
final class AboutDialog {

    private AboutDialog() {}

    /** Shows the dialog (not modal: Berth's work goes on behind it) and returns it. */
    static Alert show(Window owner, AboutInfo about) {
        Alert alert = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("About Berth");
        alert.setHeaderText("Berth " + about.version());
        alert.setGraphic(new ImageView(AppIcons.resources().get(4).toExternalForm()));

        GridPane places = new GridPane();
        places.setId("about-places");
        places.setHgap(8);
        places.setVgap(4);
        for (int row = 0; row < about.places().size(); row++) {
            AboutInfo.Place place = about.places().get(row);
            TextField path = new TextField(place.path().toString());
            path.setEditable(false);
            path.setPrefColumnCount(36);
            Label what = new Label(place.what());
            what.setMinWidth(Region.USE_PREF_SIZE); // the words, whole; the path field takes what is left
            places.addRow(row, what, path);
        }
        GridPane libraries = new GridPane();
        libraries.setId("about-libraries");
        libraries.setHgap(12);
        for (int row = 0; row < about.libraries().size(); row++) {
            AboutInfo.Library library = about.libraries().get(row);
            libraries.addRow(row, new Label(library.name()), new Label(library.licence()));
        }
        VBox content = new VBox(10, new Label("Desktop manager for Docker/OCI container registries. Apache License 2.0."),
                new Label("Where Berth keeps its files"), places, new Label("Bundled libraries and their licences"), libraries);
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setId("about");
        alert.getDialogPane().setContent(content);
        alert.show();
        return alert;
    }
}
