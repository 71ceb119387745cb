package dev.berth.ui.browser;

import dev.berth.registry.Capabilities;
import dev.berth.registry.RegistryClient;
import dev.berth.ui.common.UserMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A connection at the top of the tree: its catalog, what it allows, and what went wrong. */
public final class RegistryNode {

    private final String id;
    private String displayName;
    private final String host;
    private final java.util.Optional<java.nio.file.Path> folder;
    private RegistryClient client;
    private final ObjectProperty<LoadState> state = new SimpleObjectProperty<>(LoadState.IDLE);
    private final ObjectProperty<UserMessage> problem = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Boolean> catalogRefused = new ReadOnlyObjectWrapper<>(false);
    private final ObjectProperty<Capabilities> capabilities = new SimpleObjectProperty<>();
    private final javafx.beans.property.StringProperty tagDeletionCheck = new javafx.beans.property.SimpleStringProperty("");
    private final ObservableList<RepositoryNode> repositories = FXCollections.observableArrayList();
    private final Map<String, RepositoryNode> byName = new HashMap<>();

    /** {@code client} is null for a connection that could not be connected yet (see its problem). */
    public RegistryNode(String id, String displayName, String host, RegistryClient client) {
        this(id, displayName, host, java.util.Optional.empty(), client);
    }

    /** {@code folder}: for a folder of OCI layouts opened as a connection, the folder (shown instead of its internal host). */
    public RegistryNode(String id, String displayName, String host, java.util.Optional<java.nio.file.Path> folder, RegistryClient client) {
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
    public void replaceClient(RegistryClient newClient) {
        this.client = newClient;
    }

    public void rename(String newName) {
        this.displayName = newName;
    }

    /** Adds repositories remembered with the connection (added by hand for registries without a catalog). */
    public void addKnownRepositories(List<String> names) {
        addRepositories(names);
    }

    public ObjectProperty<LoadState> stateProperty() {
        return state;
    }

    /** The last failure, in words; null when all is well. */
    public ObjectProperty<UserMessage> problemProperty() {
        return problem;
    }

    /** True when the registry refuses to list its repositories (Docker Hub, GHCR…). */
    public ReadOnlyObjectProperty<Boolean> catalogRefusedProperty() {
        return catalogRefused.getReadOnlyProperty();
    }

    void setCatalogRefused(boolean refused) {
        catalogRefused.set(refused);
    }

    public ObjectProperty<Capabilities> capabilitiesProperty() {
        return capabilities;
    }

    /** Repositories in catalog order (sorted by name). */
    /** What the last tag-deletion check (see {@link TagDeletionCheckCommand}) found or is doing; empty before one. */
    public javafx.beans.property.StringProperty tagDeletionCheckProperty() {
        return tagDeletionCheck;
    }

    public ObservableList<RepositoryNode> repositories() {
        return repositories;
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
        boolean appendable = repositories.isEmpty()
                || added.getFirst().name().compareTo(repositories.getLast().name()) > 0 && isSorted(added);
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
