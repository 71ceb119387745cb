package dev.berth.ui.common;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Toast-like messages in the window's corner; each closes by itself or with its × button. */
public final class NotificationArea extends VBox implements Notifier {

    private static final int MAX_SHOWN = 3;

    public NotificationArea() {
        setId("notifications");
        setSpacing(8);
        setPadding(new Insets(12));
        setAlignment(Pos.TOP_RIGHT);
        setPickOnBounds(false);
        setMaxWidth(420);
    }

    @Override
    public void show(UserMessage message) {
        Message toast = new Message(message.title(), message.text(), new FontIcon(Feather.ALERT_CIRCLE));
        toast.getStyleClass().add(message.kind() == UserMessage.Kind.RATE_LIMITED ? Styles.WARNING : Styles.DANGER);
        toast.setPrefWidth(400);
        toast.setMaxWidth(400);
        toast.setOnClose(e -> getChildren().remove(toast));
        getChildren().add(toast);
        while (getChildren().size() > MAX_SHOWN) getChildren().removeFirst();
        PauseTransition expire = new PauseTransition(Duration.seconds(8));
        expire.setOnFinished(e -> getChildren().remove(toast));
        expire.play();
    }
}
