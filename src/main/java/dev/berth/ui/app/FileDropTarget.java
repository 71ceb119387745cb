package dev.berth.ui.app;

import java.io.File;
import java.util.List;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

/**
 * Makes a node (the main window's root) take files dragged from the desktop: marked while they
 * hover, handed to a {@link FileOpener} when dropped. Tag drags inside the window carry no files
 * and pass through.
 */
final class FileDropTarget {

    static final PseudoClass HOVERED = PseudoClass.getPseudoClass("file-drop");

    private FileDropTarget() {}

    static void install(Node target, FileOpener opener) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (!e.getDragboard().hasFiles()) return;
            e.acceptTransferModes(TransferMode.COPY);
            target.pseudoClassStateChanged(HOVERED, true);
            e.consume();
        });
        target.addEventHandler(DragEvent.DRAG_EXITED, e -> target.pseudoClassStateChanged(HOVERED, false));
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            target.pseudoClassStateChanged(HOVERED, false);
            if (!e.getDragboard().hasFiles()) return;
            List<java.nio.file.Path> files = e.getDragboard().getFiles().stream().map(File::toPath).toList();
            e.setDropCompleted(true);
            e.consume();
            // After the gesture ends: a modal dialog inside the drop handler would hold the drag source waiting.
            Platform.runLater(() -> opener.open(files));
        });
    }
}
