package dev.berth.ui.jobs;

import dev.berth.domain.Platform;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.RowHook;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.scene.control.Cell;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;

/**
 * Drag a tag (a row of the tag table, a tag in the tree) onto a repository or registry in the tree
 * to copy it there: the target is marked while the tag hovers over it, and the drop opens Copy to…
 * showing that connection and repository (a registry: a repository of the tag's own name), or
 * Retag… when it is the tag's own repository. The drag board holds ids only ({@link TagDrag}) and,
 * for other applications, the image's reference as text.
 */
public final class TagDragAndDrop implements RowHook {

    /** Berth's own drag format; looked up first, since a format may be made only once per JVM. */
    static final DataFormat TAG = Optional.ofNullable(DataFormat.lookupMimeType("application/x-berth-tag"))
            .orElseGet(() -> new DataFormat("application/x-berth-tag"));

    /** On a tree row a tag can be dropped on while it hovers there. */
    public static final PseudoClass TARGET = PseudoClass.getPseudoClass("tag-drop");

    private final TransferActions actions;
    private final Function<BrowserViewModel.TagSelection, List<Platform>> platformsOf;

    TagDragAndDrop(TransferActions actions, Function<BrowserViewModel.TagSelection, List<Platform>> platformsOf) {
        this.actions = actions;
        this.platformsOf = platformsOf;
    }

    @Override
    public void install(Cell<?> row, Supplier<Object> shown) {
        row.addEventHandler(MouseEvent.DRAG_DETECTED, e -> {
            if (!(shown.get() instanceof BrowserViewModel.TagSelection tag)) return;
            Dragboard board = row.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.put(TAG, new TagDrag(tag.repository().registry().id(), tag.repository().name(), tag.tag()).encoded());
            content.putString(tag.repository().registry().host() + "/" + tag.repository().name() + ":" + tag.tag());
            board.setContent(content);
            board.setDragView(row.snapshot(null, null));
            e.consume();
        });
        row.addEventHandler(DragEvent.DRAG_OVER, e -> {
            Optional<TagDrag> drag = TagDrag.decode(e.getDragboard().getContent(TAG));
            Optional<Target> target = Target.of(shown.get());
            if (drag.isEmpty() || target.isEmpty()) return;
            e.acceptTransferModes(TransferMode.COPY);
            row.pseudoClassStateChanged(TARGET, true);
            e.consume();
        });
        row.addEventHandler(DragEvent.DRAG_EXITED, e -> row.pseudoClassStateChanged(TARGET, false));
        row.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            row.pseudoClassStateChanged(TARGET, false);
            Optional<TagDrag> drag = TagDrag.decode(e.getDragboard().getContent(TAG));
            Optional<Target> target = Target.of(shown.get());
            if (drag.isEmpty() || target.isEmpty()) return;
            e.setDropCompleted(true);
            e.consume();
            // After the gesture ends: a modal dialog inside the drop handler would keep the drag source waiting.
            javafx.application.Platform.runLater(() -> actions.dropTag(drag.get(), target.get().connectionId(), target.get().repository(), platformsOf));
        });
    }

    /** A row a tag can be dropped on: a registry, or one of its repositories. */
    private record Target(String connectionId, Optional<String> repository) {
        static Optional<Target> of(Object shown) {
            return switch (shown) {
                case RegistryNode registry -> Optional.of(new Target(registry.id(), Optional.empty()));
                case RepositoryNode repository -> Optional.of(new Target(repository.registry().id(), Optional.of(repository.name())));
                case null, default -> Optional.empty();
            };
        }
    }
}
