package dev.berth.ui.app;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * First start, no connections: the demo as the one clear way in (it needs no registry and no
 * network), adding a registry beside it, and opening a folder of OCI layouts. When a registry
 * answers on this machine, adding it becomes the default instead.
 */
final class WelcomeView extends VBox {

    private final Label hint = new Label();
    private final Button add;
    private final Button demo;
    private String suggestedAddress = "";

    WelcomeView(Consumer<String> onAdd, Runnable onDemo, Runnable onOpenFolder) {
        setId("welcome");
        setAlignment(Pos.CENTER);
        setSpacing(14);
        FontIcon logo = new FontIcon(Feather.ANCHOR);
        logo.setIconSize(56);
        logo.getStyleClass().add("welcome-logo");
        Label title = new Label("Welcome to Berth");
        title.getStyleClass().add(Styles.TITLE_1);
        Label text = new Label("Browse your container registries, see what every tag weighs, and clean up safely.");
        text.getStyleClass().add(Styles.TEXT_MUTED);
        demo = new Button("Open the demo", new FontIcon(Feather.PLAY));
        demo.setId("welcome-demo");
        demo.setOnAction(e -> onDemo.run());
        add = new Button("Add a registry", new FontIcon(Feather.PLUS));
        add.setId("welcome-add");
        add.setOnAction(e -> onAdd.accept(suggestedAddress));
        Button folder = new Button("Open folder…", new FontIcon(Feather.FOLDER));
        folder.setId("welcome-open-folder");
        folder.getStyleClass().add(Styles.FLAT);
        folder.setOnAction(e -> onOpenFolder.run());
        Label demoText = new Label("The demo is a few small sample images on this computer: browse, inspect and clean up "
                + "without a registry or a network.");
        demoText.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        demoText.setWrapText(true);
        demoText.setMaxWidth(460);
        demoText.setAlignment(Pos.CENTER);
        HBox buttons = new HBox(12, demo, add);
        buttons.setAlignment(Pos.CENTER);
        hint.setId("welcome-hint");
        hint.getStyleClass().add(Styles.TEXT_SMALL);
        getChildren().addAll(logo, title, text, buttons, demoText, folder, hint);
        prefer(demo);
    }

    /** One default, accented button: the demo, or adding the registry found on this machine. */
    private void prefer(Button preferred) {
        for (Button button : new Button[] {demo, add}) {
            boolean on = button == preferred;
            button.setDefaultButton(on);
            button.getStyleClass().removeAll(Styles.ACCENT, Styles.LARGE);
            button.getStyleClass().add(Styles.LARGE);
            if (on) button.getStyleClass().add(Styles.ACCENT);
        }
    }

    /** A registry answered on this address (e.g. localhost:5000): pre-fill the dialog with it. */
    void suggest(String address) {
        suggestedAddress = address;
        hint.setText(address.isEmpty() ? "" : "A registry answers on " + address + " — it will be pre-filled.");
        prefer(address.isEmpty() ? demo : add);
    }
}
