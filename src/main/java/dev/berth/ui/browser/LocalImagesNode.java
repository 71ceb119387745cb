package dev.berth.ui.browser;

import dev.berth.engine.LocalImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The local Docker or Podman engine's images, shown in the tree as one "Local images" node when
 * an engine answers. Its state is changed only by {@link BrowserViewModel}.
 */
public final class LocalImagesNode {

    /** One image under one of its names: {@code REPO:TAG}, or the short id of an untagged image. */
    public record Entry(LocalImage image, String repository, String tag) {
        /** How the engine names it (push and export use this): {@code REPO:TAG}, or the image id. */
        public String name() {
            return repository.isEmpty() ? image.id() : repository + ":" + tag;
        }

        /** How the tree shows it: the tag, or the short id of an untagged image. */
        public String label() {
            return repository.isEmpty() ? image.shortId() : tag;
        }
    }

    /** A repository's entries, or (empty name) the untagged images. */
    public record Group(String repository, List<Entry> entries) {
        public Group {
            entries = List.copyOf(entries);
        }
    }

    private final ReadOnlyObjectWrapper<LoadState> state = new ReadOnlyObjectWrapper<>(LoadState.IDLE);
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper absence = new ReadOnlyStringWrapper("");
    private final ObservableList<Group> groups = FXCollections.observableArrayList();
    private final ObservableList<Group> groupsView = FXCollections.unmodifiableObservableList(groups);

    LocalImagesNode() {}

    /** LOADED once an engine answered (then the node is shown), FAILED when none did. */
    public ReadOnlyObjectProperty<LoadState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Which engine answered, and where ("Podman at unix:///run/user/1000/podman/podman.sock"). */
    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    /** Why no engine is shown, in plain words; empty while one answers. */
    public ReadOnlyStringProperty absenceProperty() {
        return absence.getReadOnlyProperty();
    }

    /** Repositories by name, then the untagged images (by short id) under an empty name. */
    public ObservableList<Group> groups() {
        return groupsView;
    }

    public int imageCount() {
        return groups.stream().mapToInt(g -> (int) g.entries().stream().map(Entry::image).distinct().count()).sum();
    }

    void loading() {
        state.set(LoadState.LOADING);
    }

    void show(String engineName, List<LocalImage> images) {
        engine.set(engineName);
        absence.set("");
        groups.setAll(grouped(images));
        state.set(LoadState.LOADED);
    }

    void absent(String why) {
        absence.set(why);
        engine.set("");
        groups.clear();
        state.set(LoadState.FAILED);
    }

    /** Like a repository list: one group per repository, its tags sorted, and the untagged images last. */
    static List<Group> grouped(List<LocalImage> images) {
        Map<String, List<Entry>> byRepository = new TreeMap<>();
        List<Entry> untagged = new ArrayList<>();
        for (LocalImage image : images) {
            if (image.repoTags().isEmpty()) untagged.add(new Entry(image, "", ""));
            for (String repoTag : image.repoTags()) {
                // REPO:TAG where REPO may hold a registry port (localhost:5000/app:1.0): the tag follows the last ':' after the last '/'.
                int colon = repoTag.lastIndexOf(':');
                boolean hasTag = colon > repoTag.lastIndexOf('/');
                String repository = hasTag ? repoTag.substring(0, colon) : repoTag;
                byRepository.computeIfAbsent(repository, r -> new ArrayList<>()).add(new Entry(image, repository, hasTag ? repoTag.substring(colon + 1) : "latest"));
            }
        }
        List<Group> groups = new ArrayList<>();
        byRepository.forEach((repository, entries) -> {
            entries.sort(java.util.Comparator.comparing(Entry::tag, dev.berth.browse.TagOrdering.ascending()));
            groups.add(new Group(repository, entries));
        });
        if (!untagged.isEmpty()) groups.add(new Group("", untagged));
        return groups;
    }
}
