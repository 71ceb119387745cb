package dev.berth.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.jobs.Place;
import dev.berth.jobs.PlaceKind;
import dev.berth.ui.Screenshots;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real Push… dialog: a local engine image is chosen from the list the engine gave, in place of a file or folder. */
@ExtendWith(ApplicationExtension.class)
class PushDialogTest {

    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void aLocalEngineImageIsPickedFromTheEnginesList(FxRobot robot) throws Exception {
        var form = new TransferDialogs.PushForm(PlaceKind.local(), List.of("localhost/berth/app:1.0", "registry.example/team/app:2.0"),
                List.of(new TransferDialogs.ConnectionChoice("c1", "local")), new TransferDialogs.Destination("c1", "team/app", "latest"));
        CompletableFuture<Optional<TransferDialogs.PushChoice>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(new FxTransferDialogs(() -> owner).choosePush(form)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#push-kind").tryQuery().isPresent());
        @SuppressWarnings("unchecked") ComboBox<PlaceKind> kind = robot.lookup("#push-kind").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked") ComboBox<String> image = robot.lookup("#push-local-image").queryAs(ComboBox.class);
        Node path = robot.lookup("#push-path").query();
        Button push = onFx(() -> (Button) ((DialogPane) kind.getScene().getRoot()).lookupButton(
                ((DialogPane) kind.getScene().getRoot()).getButtonTypes().stream()
                        .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow()));
        assertFalse(onFx(image::isVisible), "a file is asked for first");

        onFx(() -> {
            kind.getSelectionModel().select(PlaceKind.ENGINE);
            return null;
        });
        assertTrue(onFx(image::isVisible) && !onFx(() -> path.getParent().isVisible()), "the engine's list replaces the file field");
        assertEquals(form.localImages(), onFx(() -> List.copyOf(image.getItems())));
        assertFalse(onFx(() -> robot.lookup("#push-name").query().isVisible()), "an engine image is one image: no name inside it is asked");
        assertTrue(onFx(push::isDisabled), "nothing to push until an image is chosen");
        onFx(() -> {
            image.getSelectionModel().select("localhost/berth/app:1.0");
            return null;
        });
        assertFalse(onFx(push::isDisabled));
        Screenshots.take(kind.getScene(), "jobs-09-push-a-local-engine-image");
        onFx(() -> {
            push.fire();
            return null;
        });

        TransferDialogs.PushChoice choice = answer.get(10, TimeUnit.SECONDS).orElseThrow();
        assertEquals(new Place.LocalEngine(), choice.source());
        assertEquals("localhost/berth/app:1.0", choice.name());
        assertEquals(new TransferDialogs.Destination("c1", "team/app", "latest"), choice.destination());
    }

    private static <T> T onFx(Callable<T> value) throws Exception {
        return WaitForAsyncUtils.asyncFx(value).get(5, TimeUnit.SECONDS);
    }
}
