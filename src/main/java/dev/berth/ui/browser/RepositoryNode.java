package dev.berth.ui.browser;

import dev.berth.domain.Plural;
import dev.berth.domain.Names;
import dev.berth.domain.Printable;
import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A repository in the tree: its name, tag count once known, and its tags once expanded. */
public final class RepositoryNode {

    /** Tag count not known yet. */
    public static final int UNKNOWN = -1;

    private final RegistryNode registry;
    private final String name;
    private final Optional<String> invalidName;
    private final ReadOnlyIntegerWrapper tagCount = new ReadOnlyIntegerWrapper(UNKNOWN);
    private final ReadOnlyObjectWrapper<LoadState> tagsState = new ReadOnlyObjectWrapper<>(LoadState.IDLE);
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<String> tagsView = FXCollections.unmodifiableObservableList(tags);

    RepositoryNode(RegistryNode registry, String name) {
        this.registry = registry;
        this.name = name;
        this.invalidName = Names.repositoryProblem(name);
    }

    /** What is wrong with the name when the registry listed one outside the grammar: then it is shown escaped, never opened. */
    public Optional<String> invalidName() {
        return invalidName;
    }

    public boolean isValidName() {
        return invalidName.isEmpty();
    }

    public RegistryNode registry() {
        return registry;
    }

    public String name() {
        return name;
    }

    /** The last path segment, shown in the tree under its namespace folders; an invalid name whole, quoted and escaped. */
    public String shortName() {
        if (!isValidName()) return Printable.quoted(name);
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /** {@link #UNKNOWN} until the catalog's tag counts or a tag load tell. */
    public ReadOnlyIntegerProperty tagCountProperty() {
        return tagCount.getReadOnlyProperty();
    }

    void setTagCount(int count) {
        tagCount.set(count);
    }

    public ReadOnlyObjectProperty<LoadState> tagsStateProperty() {
        return tagsState.getReadOnlyProperty();
    }

    void setTagsState(LoadState state) {
        tagsState.set(state);
    }

    /** The loaded tags in display order; empty before the repository is expanded or opened. */
    public ObservableList<String> tags() {
        return tagsView;
    }

    /** The tags as just loaded (by the tree or the tag table's scan), already in {@link #displayOrder}. */
    void showTags(java.util.List<String> inDisplayOrder) {
        // The same tags again (a rescan, a refresh) change nothing: replacing them would rebuild the tree's
        // tag rows, dropping its selection and any drag that started on one of them.
        if (!tags.equals(inDisplayOrder)) tags.setAll(inDisplayOrder);
        tagCount.set(inDisplayOrder.size());
        tagsState.set(LoadState.LOADED);
    }

    /**
     * Semver-aware order, for {@link #showTags}. Blocking work: sorting 20,000 tags by version takes
     * longer than the FX thread may be held, so it is done where the tags are loaded.
     */
    static java.util.List<String> displayOrder(java.util.Collection<String> loaded) {
        return loaded.stream().sorted(dev.berth.browse.TagOrdering.ascending()).toList();
    }

    /** "12 tags", "empty", or "" while unknown. */
    public String tagCountLabel() {
        int count = tagCount.get();
        return count == UNKNOWN ? "" : count == 0 ? "empty" : Plural.of(count, "tag", "tags");
    }

    @Override
    public String toString() {
        return registry.displayName() + "/" + (isValidName() ? name : Printable.quoted(name));
    }
}
