package dev.berth.ui.app;

import dev.berth.ui.common.DialogService;
import dev.berth.ui.connections.ConnectionDialog;
import dev.berth.connection.ConnectionDraft;
import dev.berth.ui.connections.DraftTester;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Dialogs as real modal windows over the main window. */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;
    private final DraftTester tester;
    private final Supplier<String> passwordNote;

    /**
     * @param tester       the connection dialog's "Test connection"
     * @param passwordNote what to say while a password is entered (see ConnectionService#passwordStorageNote)
     */
    public FxDialogService(Supplier<Window> owner, DraftTester tester, Supplier<String> passwordNote) {
        this.owner = owner;
        this.tester = tester;
        this.passwordNote = passwordNote;
    }

    @Override
    public Optional<ConnectionDraft> editConnection(ConnectionDraft initial, String title) {
        return new ConnectionDialog(owner.get(), initial, title, tester, passwordNote.get()).showAndWait();
    }

    @Override
    public boolean confirm(String title, String text, String action) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.setHeaderText(title);
        ButtonType yes = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(yes, ButtonType.CANCEL);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    @Override
    public Optional<java.nio.file.Path> chooseFileToSave(String title, String suggestedName) {
        javafx.stage.FileChooser chooser = jsonChooser(title);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public Optional<java.nio.file.Path> chooseFileToOpen(String title) {
        return Optional.ofNullable(jsonChooser(title).showOpenDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public Optional<java.nio.file.Path> chooseFolder(String title) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(java.io.File::toPath);
    }

    private static javafx.stage.FileChooser jsonChooser(String title) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("JSON files", "*.json"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }
}
