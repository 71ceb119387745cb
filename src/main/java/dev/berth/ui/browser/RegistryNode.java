package dev.berth.ui.browser;

import dev.berth.registry.Capabilities;
import dev.berth.registry.RegistryClient;
import dev.berth.ui.common.UserMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A connection at the top of the tree: its catalog, what it allows, and what went wrong. */
public final class RegistryNode {

    private final String id;
    private String displayName;
    private final String host;
    private final java.util.Optional<java.nio.file.Path> folder;
    private RegistryClient client;
    private final ReadOnlyObjectWrapper<LoadState> state = new ReadOnlyObjectWrapper<>(LoadState.IDLE);
    private final ReadOnlyObjectWrapper<UserMessage> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Boolean> catalogRefused = new ReadOnlyObjectWrapper<>(false);
    private final ReadOnlyObjectWrapper<Capabilities> capabilities = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper tagDeletionCheck = new ReadOnlyStringWrapper("");
    private final ObservableList<RepositoryNode> repositories = FXCollections.observableArrayList();
    // One wrapper for the node's life: a wrapper observes its source weakly (see BrowserViewModel#registries).
    private final ObservableList<RepositoryNode> repositoriesView = FXCollections.unmodifiableObservableList(repositories);
    private final Map<String, RepositoryNode> byName = new HashMap<>();

    /**
     * {@code client} is null for a connection that could not be connected yet (see its problem).
     * Made by {@link BrowserViewModel}, which owns the node's state; everyone else reads it.
     */
    RegistryNode(String id, String displayName, String host, RegistryClient client) {
        this(id, displayName, host, java.util.Optional.empty(), client);
    }

    /** {@code folder}: for a folder of OCI layouts opened as a connection, the folder (shown instead of its internal host). */
    RegistryNode(String id, String displayName, String host, java.util.Optional<java.nio.file.Path> folder, RegistryClient client) {
        this.folder = folder;
        this.id = id;
        this.displayName = displayName;
        this.host = host;
        this.client = client;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The API host[:port] this connection talks to. */
    public String host() {
        return host;
    }

    /** Where its images are, in words a person can use: the host, or the folder. */
    public RegistryPlace place() {
        return new RegistryPlace(host, folder);
    }

    public RegistryClient client() {
        return client;
    }

    /** After the user fixed credentials or TLS settings: the next load uses the new client. */
    void replaceClient(RegistryClient newClient) {
        this.client = newClient;
    }

    void rename(String newName) {
        this.displayName = newName;
    }

    public ReadOnlyObjectProperty<LoadState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    void setState(LoadState loadState) {
        state.set(loadState);
    }

    /** The last failure, in words; null when all is well. */
    public ReadOnlyObjectProperty<UserMessage> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    void setProblem(UserMessage message) {
        problem.set(message);
    }

    /** True when the registry refuses to list its repositories (Docker Hub, GHCR…). */
    public ReadOnlyObjectProperty<Boolean> catalogRefusedProperty() {
        return catalogRefused.getReadOnlyProperty();
    }

    void setCatalogRefused(boolean refused) {
        catalogRefused.set(refused);
    }

    /** What the registry allows, as probed or remembered; null before either. */
    public ReadOnlyObjectProperty<Capabilities> capabilitiesProperty() {
        return capabilities.getReadOnlyProperty();
    }

    void setCapabilities(Capabilities found) {
        capabilities.set(found);
    }

    /** What the last tag-deletion check (see {@link TagDeletionCheckCommand}) found or is doing; empty before one. */
    public ReadOnlyStringProperty tagDeletionCheckProperty() {
        return tagDeletionCheck.getReadOnlyProperty();
    }

    void setTagDeletionCheck(String text) {
        tagDeletionCheck.set(text);
    }

    /** Repositories in catalog order (sorted by name). */
    public ObservableList<RepositoryNode> repositories() {
        return repositoriesView;
    }

    public Optional<RepositoryNode> repository(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Adds the repositories not known yet, keeping the list sorted; returns the ones added. */
    List<RepositoryNode> addRepositories(List<String> names) {
        List<RepositoryNode> added = names.stream().filter(n -> !byName.containsKey(n)).distinct()
                .map(n -> new RepositoryNode(this, n)).toList();
        if (added.isEmpty()) return added;
        added.forEach(r -> byName.put(r.name(), r));
        // Names added by hand or remembered come in any order: only a sorted run after the last name is appended as it is.
        boolean appendable = (repositories.isEmpty() || added.getFirst().name().compareTo(repositories.getLast().name()) > 0)
                && isSorted(added);
        if (appendable) {
            repositories.addAll(added); // the common case: catalog pages arrive in order
        } else {
            List<RepositoryNode> all = new java.util.ArrayList<>(repositories);
            all.addAll(added);
            all.sort(java.util.Comparator.comparing(RepositoryNode::name));
            repositories.setAll(all);
        }
        return added;
    }

    private static boolean isSorted(List<RepositoryNode> nodes) {
        for (int i = 1; i < nodes.size(); i++) if (nodes.get(i - 1).name().compareTo(nodes.get(i).name()) > 0) return false;
        return true;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
