package dev.berth.ui.jobs;

import dev.berth.domain.Platform;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.Selection;
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
    private final Function<Selection.OfTag, List<Platform>> platformsOf;

    TagDragAndDrop(TransferActions actions, Function<Selection.OfTag, List<Platform>> platformsOf) {
        this.actions = actions;
        this.platformsOf = platformsOf;
    }

    @Override
    public void install(Cell<?> row, Supplier<Selection> shown) {
        row.addEventHandler(MouseEvent.DRAG_DETECTED, e -> {
            if (!(shown.get() instanceof Selection.OfTag tag)) return;
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
        static Optional<Target> of(Selection shown) {
            return switch (shown) {
                case Selection.OfRegistry r -> Optional.of(new Target(r.registry().id(), Optional.empty()));
                case Selection.OfRepository r -> Optional.of(new Target(r.repository().registry().id(), Optional.of(r.repository().name())));
                case Selection.OfTag t -> Optional.empty();
                case Selection.OfLocalImages images -> Optional.empty();
                case Selection.OfLocalImage image -> Optional.empty();
                case Selection.None none -> Optional.empty();
            };
        }
    }
}
