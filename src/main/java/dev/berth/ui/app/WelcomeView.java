package dev.berth.ui.app;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** First start, no connections: one clear way in. */
final class WelcomeView extends VBox {

    private final Label hint = new Label();
    private String suggestedAddress = "";

    WelcomeView(Consumer<String> onAdd) {
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
        Button add = new Button("Add a registry", new FontIcon(Feather.PLUS));
        add.setId("welcome-add");
        add.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        add.setDefaultButton(true);
        add.setOnAction(e -> onAdd.accept(suggestedAddress));
        hint.setId("welcome-hint");
        hint.getStyleClass().add(Styles.TEXT_SMALL);
        getChildren().addAll(logo, title, text, add, hint);
    }

    /** A registry answered on this address (e.g. localhost:5000): pre-fill the dialog with it. */
    void suggest(String address) {
        suggestedAddress = address;
        hint.setText(address.isEmpty() ? "" : "A registry answers on " + address + " — it will be pre-filled.");
    }
}
