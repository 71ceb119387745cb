package dev.berth.ui.jobs;

import dev.berth.domain.Platform;
import dev.berth.jobs.PlaceKind;
import dev.berth.ui.browser.Selection;
import dev.berth.ui.browser.LocalImagesNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.TagMenu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The transfer commands as menu items for tags (Pull to local engine, Export, Copy to…, Retag…) and repositories (Push here…). */
public final class TransferMenus implements TagMenu {

    private final TransferActions actions;
    private final Function<Selection.OfTag, List<Platform>> platformsOf;

    /** {@code platformsOf}: the platforms known for a tag (from the tag table), empty when unknown. */
    public TransferMenus(TransferActions actions, Function<Selection.OfTag, List<Platform>> platformsOf) {
        this.actions = actions;
        this.platformsOf = platformsOf;
    }

    public TransferActions actions() {
        return actions;
    }

    /** On a local image in the tree: Push… (the dialog with that image chosen) and Export as each file kind. */
    public List<MenuItem> forLocalImage(LocalImagesNode.Entry image) {
        MenuItem push = new MenuItem("Push…", new FontIcon(Feather.UPLOAD));
        push.setId("local-push");
        push.setOnAction(e -> actions.push(image));
        Menu export = new Menu("Export", new FontIcon(Feather.DOWNLOAD));
        export.setId("local-export");
        for (PlaceKind kind : PlaceKind.files()) {
            MenuItem item = new MenuItem(kind.label() + "…");
            item.setId("local-export-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            item.setOnAction(e -> actions.export(image, kind));
            export.getItems().add(item);
        }
        return List.of(push, export);
    }

    /** Dragging tags onto the tree's repositories and registries, for the tree's and the tag table's rows. */
    public TagDragAndDrop dragAndDrop() {
        return new TagDragAndDrop(actions, platformsOf);
    }

    @Override
    public List<MenuItem> items(Supplier<Optional<Selection.OfTag>> tag) {
        Menu export = new Menu("Export", new FontIcon(Feather.DOWNLOAD));
        export.setId("tag-export");
        for (PlaceKind kind : PlaceKind.files()) {
            MenuItem item = new MenuItem(kind.label() + "…");
            item.setId("export-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            item.setOnAction(e -> tag.get().ifPresent(t -> actions.export(t.repository(), t.tag(), kind)));
            export.getItems().add(item);
        }
        MenuItem pull = new MenuItem("Pull to local engine", new FontIcon(Feather.HARD_DRIVE));
        pull.setId("tag-pull-to-engine");
        pull.setOnAction(e -> tag.get().ifPresent(t -> actions.pullToEngine(t.repository(), t.tag())));
        MenuItem copy = new MenuItem("Copy to…", new FontIcon(Feather.COPY));
        copy.setId("tag-copy-to");
        copy.setOnAction(e -> tag.get().ifPresent(t -> actions.copyTo(t.repository(), t.tag(), platformsOf.apply(t))));
        MenuItem retag = new MenuItem("Retag…", new FontIcon(Feather.TAG));
        retag.setId("tag-retag");
        retag.setOnAction(e -> tag.get().ifPresent(t -> actions.retag(t.repository(), t.tag())));
        return new ArrayList<>(List.of(pull, export, copy, retag));
    }

    public List<MenuItem> forRepository(RepositoryNode repository) {
        MenuItem push = new MenuItem("Push an image here…", new FontIcon(Feather.UPLOAD));
        push.setId("tree-push");
        push.setOnAction(e -> actions.push(Optional.of(repository)));
        return List.of(push);
    }
}
