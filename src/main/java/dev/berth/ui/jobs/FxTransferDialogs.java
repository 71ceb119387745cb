package dev.berth.ui.jobs;

import dev.berth.domain.Platform;
import dev.berth.jobs.PlaceKind;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The transfer questions as real modal windows over the main window. */
public final class FxTransferDialogs implements TransferDialogs {

    private final Supplier<Window> owner;

    public FxTransferDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseArchiveToSave(String title, String suggestedName) {
        FileChooser chooser = archiveChooser(title);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseArchiveToOpen(String title) {
        return Optional.ofNullable(archiveChooser(title).showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<String> askTag(String title, String text, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial);
        dialog.initOwner(owner.get());
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setContentText(text);
        dialog.getEditor().setId("retag-tag");
        return dialog.showAndWait();
    }

    @Override
    public Optional<CopyTarget> chooseCopyTarget(CopyTargetForm form) {
        Dialog<CopyTarget> dialog = dialog(form.title(), "Copy");
        DestinationFields destination = new DestinationFields(form.connections(), form.initial());
        GridPane grid = grid();
        int row = destination.addTo(grid, 0);
        ToggleGroup which = new ToggleGroup();
        RadioButton all = new RadioButton("All platforms");
        all.setToggleGroup(which);
        all.setSelected(true);
        RadioButton chosen = new RadioButton("Only these:");
        chosen.setToggleGroup(which);
        List<CheckBox> boxes = new ArrayList<>();
        VBox platforms = new VBox(4, all);
        if (form.platforms().size() > 1) {
            platforms.getChildren().add(chosen);
            for (Platform platform : form.platforms()) {
                CheckBox box = new CheckBox(platform.toString());
                box.setUserData(platform);
                box.setSelected(true);
                box.disableProperty().bind(all.selectedProperty());
                box.setPadding(new Insets(0, 0, 0, 22));
                boxes.add(box);
                platforms.getChildren().add(box);
            }
        }
        grid.addRow(row, new Label("Platforms"), platforms);
        CheckBox referrers = new CheckBox("With what refers to it (signatures, SBOMs)");
        referrers.setId("copy-referrers");
        referrers.setDisable(!form.referrersPossible());
        grid.add(referrers, 1, row + 1);
        dialog.getDialogPane().setContent(grid);
        Node ok = dialog.getDialogPane().lookupButton(dialog.getDialogPane().getButtonTypes().getFirst());
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> !destination.complete(), destination.connection.valueProperty(),
                destination.repository.textProperty(), destination.tag.textProperty()));
        dialog.setResultConverter(button -> button.getButtonData() != ButtonBar.ButtonData.OK_DONE ? null
                : new CopyTarget(destination.value(), all.isSelected() ? List.of()
                        : boxes.stream().filter(CheckBox::isSelected).map(b -> (Platform) b.getUserData()).toList(), referrers.isSelected()));
        return dialog.showAndWait();
    }

    @Override
    public Optional<PushChoice> choosePush(PushForm form) {
        Dialog<PushChoice> dialog = dialog("Push an image to a registry", "Push");
        ComboBox<PlaceKind> kind = new ComboBox<>();
        kind.setId("push-kind");
        kind.getItems().setAll(form.sourceKinds());
        kind.getSelectionModel().selectFirst();
        kind.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PlaceKind value) {
                return value == null ? "" : value.label();
            }

            @Override
            public PlaceKind fromString(String text) {
                return null;
            }
        });
        TextField path = new TextField();
        path.setId("push-path");
        path.setPromptText("The file or folder to push");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            PlaceKind selected = kind.getValue();
            Optional<Path> picked = selected.shape() == PlaceKind.Shape.FOLDER ? chooseFolder("Choose an OCI layout folder")
                    : chooseArchiveToOpen("Choose a " + selected.label());
            picked.ifPresent(p -> path.setText(p.toString()));
        });
        HBox.setHgrow(path, Priority.ALWAYS);
        form.initialSource().filter(source -> form.sourceKinds().contains(source.kind())).ifPresent(source -> {
            kind.getSelectionModel().select(source.kind());
            path.setText(source.path().toString());
        });
        TextField name = new TextField();
        name.setId("push-name");
        name.setPromptText("Empty: the only image in it");
        HBox fileRow = new HBox(6, path, browse);
        // The engine's images were listed before the dialog opened, off the FX thread.
        ComboBox<String> localImage = new ComboBox<>();
        localImage.setId("push-local-image");
        localImage.getItems().setAll(form.localImages());
        localImage.setMaxWidth(Double.MAX_VALUE);
        localImage.setPromptText(form.localImages().isEmpty() ? "The engine holds no images" : "Choose an image");
        form.chosenImage().filter(form.localImages()::contains).ifPresent(chosen -> {
            kind.setValue(PlaceKind.ENGINE);
            localImage.setValue(chosen);
        });
        Label fileLabel = new Label("File or folder");
        Label nameLabel = new Label("Image in it");
        DestinationFields destination = new DestinationFields(form.connections(), form.initial());
        GridPane grid = grid();
        grid.addRow(0, new Label("From"), kind);
        grid.addRow(1, fileLabel, new javafx.scene.layout.StackPane(fileRow, localImage));
        grid.addRow(2, nameLabel, name);
        destination.addTo(grid, 3);
        var fromEngine = Bindings.createBooleanBinding(() -> kind.getValue() == PlaceKind.ENGINE, kind.valueProperty());
        localImage.visibleProperty().bind(fromEngine);
        fileRow.visibleProperty().bind(fromEngine.not());
        name.visibleProperty().bind(fromEngine.not()); // an engine image is one image: nothing to pick inside it
        nameLabel.visibleProperty().bind(fromEngine.not());
        fileLabel.textProperty().bind(Bindings.when(fromEngine).then("Local image").otherwise("File or folder"));
        dialog.getDialogPane().setContent(grid);
        Node ok = dialog.getDialogPane().lookupButton(dialog.getDialogPane().getButtonTypes().getFirst());
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> !destination.complete()
                        || (fromEngine.get() ? localImage.getValue() == null : path.getText().isBlank()),
                destination.connection.valueProperty(), destination.repository.textProperty(), destination.tag.textProperty(),
                path.textProperty(), localImage.valueProperty(), fromEngine));
        dialog.setResultConverter(button -> button.getButtonData() != ButtonBar.ButtonData.OK_DONE ? null
                : fromEngine.get() ? PushChoice.engineImage(localImage.getValue(), destination.value())
                : new PushChoice(kind.getValue(), Path.of(path.getText().strip()), name.getText().strip(), destination.value()));
        return dialog.showAndWait();
    }

    @Override
    public Optional<LayoutUse> askLayoutUse(Path folder) {
        ButtonType push = new ButtonType("Push to a registry…", ButtonBar.ButtonData.OK_DONE);
        ButtonType open = new ButtonType("Open as a folder", ButtonBar.ButtonData.OTHER);
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                folder + " is an OCI image layout. Push its image to a registry, or open the folder to browse it like a registry?",
                push, open, ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle("An OCI layout");
        alert.setHeaderText("What should Berth do with " + (folder.getFileName() == null ? folder : folder.getFileName()) + "?");
        return alert.showAndWait().map(button -> button == push ? LayoutUse.PUSH : button == open ? LayoutUse.OPEN : null);
    }

    private <T> Dialog<T> dialog(String title, String action) {
        Dialog<T> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().getButtonTypes().setAll(new ButtonType(action, ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
        return dialog;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        grid.setPrefWidth(520);
        return grid;
    }

    private static FileChooser archiveChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Image archives (*.tar)", "*.tar"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }
}
