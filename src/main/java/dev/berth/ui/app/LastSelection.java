package dev.berth.ui.app;

import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.SelectionPlace;
import dev.berth.ui.browser.SelectionRestore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/** The tree's selection survives a restart: saved when the main window closes, looked for again at the next start. */
final class LastSelection {

    private LastSelection() {}

    /** Reads the file in the background and restores what it names; saves the selection when {@code stage} hides. */
    static void keep(Stage stage, BrowserViewModel browser, LastSelectionFile file) {
        CompletableFuture.supplyAsync(file::load)
                .thenAccept(place -> place.ifPresent(found -> Platform.runLater(() -> SelectionRestore.start(browser, found))));
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> {
            Optional<SelectionPlace> place = SelectionPlace.of(browser.selectionProperty().get());
            SettingsWrite.inBackground("the selection", file.path(), () -> file.save(place));
        });
    }
}
