package dev.berth.ui.browser;

import dev.berth.registry.RequestNames;
import dev.berth.browse.CatalogBatch;
import dev.berth.browse.CatalogLoader;
import dev.berth.browse.CatalogResult;
import dev.berth.browse.TagCount;
import dev.berth.domain.Reference;
import dev.berth.registry.Capabilities;
import dev.berth.registry.RegistryClient;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UiTask;
import dev.berth.ui.common.UserMessage;
import dev.berth.work.Amount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The registry tree: connections, their catalogs (filled page by page), tag counts, and the tags
 * of expanded repositories. Every load runs off the FX thread; a new load of the same node
 * cancels the old one.
 */
public final class BrowserViewModel {

    /** The most repositories or tag counts one FX-thread update applies (see {@link #slices}). */
    static final int ITEMS_PER_UI_UPDATE = 250;

    private final UiExecutor executor;
    private final Notifier notifier;
    private final CatalogLoader.Options catalogOptions;

    // Properties
    private final ObservableList<RegistryNode> registries = FXCollections.observableArrayList();
    // One wrapper for the life of the list: a wrapper observes its source weakly, so a fresh one per call
    // would let listeners on it be garbage-collected.
    private final ObservableList<RegistryNode> registriesView = FXCollections.unmodifiableObservableList(registries);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>(Selection.NONE);

    private final SelectionHistory history = new SelectionHistory();
    private boolean travelling;

    private final Map<RegistryNode, UiTask> registryLoads = new HashMap<>();
    private final ConnectionMemory memory;
    private final Map<RepositoryNode, UiTask> tagLoads = new HashMap<>();
    private final LocalEngine localEngine;
    private final LocalImagesNode localImages = new LocalImagesNode();
    private UiTask localImagesLoad;
    private final CatalogWatcher watcher;

    /** What the browser learns that is worth keeping with the saved connection. */
    public interface ConnectionMemory {
        ConnectionMemory NONE = new ConnectionMemory() {
            @Override public void probed(RegistryNode node, Capabilities capabilities) { }
            @Override public void repositoryAdded(RegistryNode node, String repository) { }
        };

        /** A probe found what the registry allows (the badges show it at the next start before any probe). */
        void probed(RegistryNode node, Capabilities capabilities);

        /** The person added a repository by hand (registries without a catalog). */
        void repositoryAdded(RegistryNode node, String repository);
    }

    /** Lists the local Docker or Podman engine's images: blocking, so it is called off the FX thread. */
    @FunctionalInterface
    public interface LocalEngine {
        LocalEngine NONE = () -> {
            throw new java.io.IOException("Berth does not look for a local engine here.");
        };

        Listing images() throws Exception;

        /** {@code engine}: which engine answered and where, for a person to read. */
        record Listing(String engine, List<dev.berth.engine.LocalImage> images) {
            public Listing {
                images = List.copyOf(images);
            }
        }
    }

    /** Hears what catalog loads find, as they find it (the registry overview adds it up). */
    public interface CatalogWatcher {
        CatalogWatcher NONE = new CatalogWatcher() {
            @Override public void started(RegistryNode node) { }
            @Override public void batch(RegistryNode node, CatalogBatch batch) { }
        };

        /** A load of {@code node} starts (on the UI thread): what an earlier load found is superseded. */
        void started(RegistryNode node);

        /** A batch of {@code node}'s catalog, on the loading thread, at most once per batch interval. */
        void batch(RegistryNode node, CatalogBatch batch);
    }

    /** A browser that remembers nothing (tests, tools without saved connections). */
    public BrowserViewModel(UiExecutor executor, Notifier notifier, CatalogLoader.Options catalogOptions) {
        this(executor, notifier, catalogOptions, ConnectionMemory.NONE);
    }

    public BrowserViewModel(UiExecutor executor, Notifier notifier, CatalogLoader.Options catalogOptions, ConnectionMemory memory) {
        this(executor, notifier, catalogOptions, memory, LocalEngine.NONE, CatalogWatcher.NONE);
    }

    public BrowserViewModel(UiExecutor executor, Notifier notifier, CatalogLoader.Options catalogOptions, ConnectionMemory memory,
            LocalEngine localEngine) {
        this(executor, notifier, catalogOptions, memory, localEngine, CatalogWatcher.NONE);
    }

    public BrowserViewModel(UiExecutor executor, Notifier notifier, CatalogLoader.Options catalogOptions, ConnectionMemory memory,
            CatalogWatcher watcher) {
        this(executor, notifier, catalogOptions, memory, LocalEngine.NONE, watcher);
    }

    public BrowserViewModel(UiExecutor executor, Notifier notifier, CatalogLoader.Options catalogOptions, ConnectionMemory memory,
            LocalEngine localEngine, CatalogWatcher watcher) {
        this.localEngine = localEngine;
        this.watcher = watcher;
        this.memory = memory;
        this.executor = executor;
        this.notifier = notifier;
        this.catalogOptions = catalogOptions;
        selection.addListener((obs, old, selected) -> {
            if (!travelling && !(old instanceof Selection.None) && !old.equals(selected)) history.left(old);
        });
    }

    /** Back and Forward over the selections (toolbar buttons, Alt+Left / Alt+Right). */
    public SelectionHistory history() {
        return history;
    }

    public void back() {
        travel(history.back(selection.get(), this::stillThere));
    }

    public void forward() {
        travel(history.forward(selection.get(), this::stillThere));
    }

    private void travel(Optional<Selection> target) {
        if (target.isEmpty()) return;
        travelling = true;
        try {
            selection.set(target.get());
        } finally {
            travelling = false;
        }
    }

    private boolean stillThere(Selection selected) {
        return switch (selected) {
            case Selection.None none -> false;
            case Selection.OfRegistry registry -> registries.contains(registry.registry());
            case Selection.OfRepository repository -> registries.contains(repository.repository().registry());
            case Selection.OfTag tag -> registries.contains(tag.repository().registry());
            case Selection.OfLocalImages images -> !localImages.engineProperty().get().isEmpty();
            case Selection.OfLocalImage image -> localImages.groups().stream().anyMatch(g -> g.entries().contains(image.image()));
        };
    }

    public ObservableList<RegistryNode> registries() {
        return registriesView;
    }

    /** Filter-as-you-type text over repository names. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** What is selected; never null ({@link Selection#NONE} when nothing is). */
    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** The local engine's images; shown in the tree while an engine answers. */
    public LocalImagesNode localImages() {
        return localImages;
    }

    /** Where what the browser learns about a connection is kept. */
    public ConnectionMemory memory() {
        return memory;
    }

    // Commands

    /** Selects {@code selected} (the tree, the tag table, the breadcrumb, tests); the previous selection goes on the Back list. */
    public void select(Selection selected) {
        selection.set(java.util.Objects.requireNonNull(selected, "selected: use Selection.NONE for nothing"));
    }

    public RegistryNode addRegistry(String id, String displayName, String host, RegistryClient client) {
        return addRegistry(id, displayName, host, Optional.empty(), client, Optional.empty(), List.of());
    }

    public RegistryNode addRegistry(String id, String displayName, String host, RegistryClient client, Optional<Capabilities> lastProbe,
            List<String> knownRepositories) {
        return addRegistry(id, displayName, host, Optional.empty(), client, lastProbe, knownRepositories);
    }

    /**
     * A saved connection with what it remembers: its last probe (badges before this run's probe
     * answers, and findings the read-only probe cannot make) and repositories added by hand.
     * {@code folder}: for a folder of OCI layouts opened as a connection (see {@link RegistryNode#place()}).
     */
    public RegistryNode addRegistry(String id, String displayName, String host, Optional<java.nio.file.Path> folder, RegistryClient client,
            Optional<Capabilities> lastProbe, List<String> knownRepositories) {
        RegistryNode node = new RegistryNode(id, displayName, host, folder, client);
        lastProbe.ifPresent(node::setCapabilities);
        node.addRepositories(knownRepositories);
        registries.add(node);
        refresh(node);
        return node;
    }

    /**
     * The person edited the connection: its new name, what the saved connection remembers of the registry
     * (what Test connection found, if these are the settings it tested; nothing if the address changed),
     * and its new client (then it reloads) or why it cannot connect.
     */
    public void reconnect(RegistryNode node, String displayName, Optional<Capabilities> remembered, Optional<RegistryClient> client,
            Optional<UserMessage> problem) {
        node.rename(displayName);
        // Replaced, not merged: the reload keeps what the node already knows, so nothing learnt with the old settings may stay.
        node.setCapabilities(remembered.orElse(null));
        client.ifPresent(node::replaceClient);
        if (client.isPresent()) refresh(node);
        problem.ifPresent(node::setProblem);
    }

    /** A saved connection that could not be connected (no saved password, unreadable CA file…): shown with its problem. */
    public RegistryNode addUnconnected(String id, String displayName, String host, UserMessage problem) {
        RegistryNode node = new RegistryNode(id, displayName, host, null);
        node.setProblem(problem);
        node.setState(LoadState.FAILED);
        registries.add(node);
        return node;
    }

    public void removeRegistry(RegistryNode node) {
        Optional.ofNullable(registryLoads.remove(node)).ifPresent(UiTask::cancel);
        registries.remove(node);
        // Whatever was selected under it went with it (the registry, one of its repositories or tags).
        if (!stillThere(selection.get())) selection.set(Selection.NONE);
    }

    /** Probes the registry, then loads its catalog page by page and the tag counts after it. */
    public void refresh(RegistryNode node) {
        Optional.ofNullable(registryLoads.remove(node)).ifPresent(UiTask::cancel);
        if (node.client() == null) return; // not connected: its problem stays shown until the connection is fixed
        node.setState(LoadState.LOADING);
        node.setProblem(null);
        watcher.started(node);
        UiTask task = executor.submit("Loading " + node.displayName(), (cancel, progress) -> {
            RegistryClient client = node.client().withCancel(cancel);
            // A folder of layouts always takes deletes (FolderRegistry deletes and collects at once); only a
            // registry needs the DELETE probe that browsing does not send.
            Capabilities read = client.probe(Optional.empty());
            Capabilities probed = node.place().isFolder() ? read.withDeletes(Capabilities.Ability.YES) : read;
            executor.onUiThread(() -> {
                Capabilities earlier = node.capabilitiesProperty().get();
                Capabilities capabilities = earlier == null ? probed : probed.keepingEarlierFindings(earlier);
                node.setCapabilities(capabilities);
                memory.probed(node, capabilities);
            });
            if (probed.catalog() != Capabilities.Ability.YES) return false;
            CatalogResult result = new CatalogLoader(client, catalogOptions).load(batch -> {
                watcher.batch(node, batch);
                for (List<String> names : slices(batch.repositories())) executor.onUiThread(() -> node.addRepositories(names));
                for (List<TagCount> counts : slices(batch.tagCounts())) executor.onUiThread(() -> applyCounts(node, counts));
                progress.report(new Amount(batch.progress().repositories(), -1, Amount.Unit.REPOSITORIES));
            }, cancel);
            if (result instanceof CatalogResult.Listed listed && listed.truncatedBy().isPresent()) throw listed.truncatedBy().get();
            return !(result instanceof CatalogResult.NotListed);
        }, catalogListed -> {
            registryLoads.remove(node);
            node.setCatalogRefused(!catalogListed);
            node.setState(LoadState.LOADED);
        }, error -> {
            registryLoads.remove(node);
            UserMessage message = UserMessage.of(error);
            node.setProblem(message);
            node.setState(LoadState.FAILED);
            notifier.show(message);
        });
        if (!task.isDone()) registryLoads.put(node, task);
    }

    /**
     * A catalog batch in pieces of at most {@link #ITEMS_PER_UI_UPDATE}: one batch can hold several
     * 1,000-name pages, and each FX-thread update has to stay inside the watchdog's 50 ms budget
     * (a whole batch of a 100,000-repository catalog once took 51 ms on a loaded machine).
     */
    private static <T> List<List<T>> slices(List<T> items) {
        List<List<T>> slices = new java.util.ArrayList<>();
        for (int from = 0; from < items.size(); from += ITEMS_PER_UI_UPDATE) {
            slices.add(items.subList(from, Math.min(items.size(), from + ITEMS_PER_UI_UPDATE)));
        }
        return slices;
    }

    /** Tag counts that are known; their repositories arrived in this batch or an earlier one. */
    private static void applyCounts(RegistryNode node, List<TagCount> counts) {
        for (TagCount count : counts) {
            node.repository(count.repository()).ifPresent(r -> r.setTagCount(count.count()));
        }
    }

    /**
     * Looks for the local engine and lists its images (at the start, on Refresh, after a pull into
     * it). No engine is no error: the node is left out and a quiet hint says why.
     */
    public void refreshLocalImages() {
        if (localImagesLoad != null) localImagesLoad.cancel();
        localImages.loading();
        UiTask task = executor.submit("Looking for the local Docker or Podman engine", (cancel, progress) -> localEngine.images(), listing -> {
            localImagesLoad = null;
            localImages.show(listing.engine(), listing.images());
            // The selected image was removed from the engine meanwhile: its node stays selected.
            if (selection.get() instanceof Selection.OfLocalImage && !stillThere(selection.get())) selection.set(Selection.of(localImages));
        }, error -> {
            localImagesLoad = null;
            localImages.absent(error.getMessage() == null ? "The local engine did not answer." : error.getMessage());
            if (selection.get() instanceof Selection.OfLocalImage || selection.get() instanceof Selection.OfLocalImages) {
                selection.set(Selection.NONE);
            }
        });
        localImagesLoad = task.isDone() ? null : task;
    }

    /** Loads the tags of an expanded repository (again, if asked twice: tags move). */
    public void loadTags(RepositoryNode repository) {
        if (!repository.isValidName()) return; // listed by the registry, but never requested (the client would refuse)
        Optional.ofNullable(tagLoads.remove(repository)).ifPresent(UiTask::cancel);
        repository.setTagsState(LoadState.LOADING);
        UiTask task = executor.submit("Loading tags of " + repository.name(),
                (cancel, progress) -> RepositoryNode.displayOrder(repository.registry().client().withCancel(cancel).tags(RequestNames.repository(repository.name()))),
                tags -> {
                    tagLoads.remove(repository);
                    repository.showTags(tags);
                }, error -> {
                    tagLoads.remove(repository);
                    repository.setTagsState(LoadState.FAILED);
                    notifier.show(UserMessage.of(error));
                });
        if (!task.isDone()) tagLoads.put(repository, task);
    }

    /** For registries without a catalog: adds a repository the user named (checked against the grammar). */
    public Optional<String> addRepository(RegistryNode registry, String name) {
        String trimmed = name.strip().replaceAll("^/+|/+$", "");
        if (!Reference.isValidRepository(trimmed)) {
            return Optional.of("'" + name + "' is not a repository name: lowercase letters, digits and . _ - separated by /");
        }
        List<RepositoryNode> added = registry.addRepositories(List.of(trimmed));
        if (!added.isEmpty()) memory.repositoryAdded(registry, trimmed);
        registry.repository(trimmed).ifPresent(r -> {
            selection.set(Selection.of(r));
            if (!added.isEmpty()) loadTags(r);
        });
        return Optional.empty();
    }

    /**
     * A job put an image into {@code repository} of the connection {@code connectionId}: the
     * repository is added under its registry when it is new (and remembered where the registry has
     * no catalog to list it again). The caller reloads its tags (see {@code MainViewModel.reload}).
     */
    public Optional<RepositoryNode> imageArrived(String connectionId, String repository) {
        Optional<RegistryNode> registry = registries.stream().filter(r -> r.id().equals(connectionId)).findFirst();
        if (registry.isEmpty() || !Reference.isValidRepository(repository)) return Optional.empty(); // removed meanwhile
        RegistryNode node = registry.get();
        boolean added = !node.addRepositories(List.of(repository)).isEmpty();
        if (added && Boolean.TRUE.equals(node.catalogRefusedProperty().get())) memory.repositoryAdded(node, repository);
        return node.repository(repository);
    }

    /**
     * Navigates to a pasted reference ({@code ghcr.io/acme/api:1.2}, {@code nginx},
     * {@code localhost:5000/team/app@sha256:…}), adding the repository under its connection.
     */
    public Navigation navigateTo(String text) {
        Reference reference;
        try {
            reference = Reference.parse(text);
        } catch (IllegalArgumentException e) {
            return new Navigation.Invalid(e.getMessage());
        }
        Optional<RegistryNode> registry = registries.stream()
                .filter(r -> sameHost(r.host(), reference.registry()) || sameHost(r.host(), reference.apiHost()))
                .findFirst();
        if (registry.isEmpty()) return new Navigation.NeedsConnection(reference);
        RegistryNode node = registry.get();
        node.addRepositories(List.of(reference.repository()));
        RepositoryNode repository = node.repository(reference.repository()).orElseThrow();
        if (repository.tagsStateProperty().get() == LoadState.IDLE) loadTags(repository);
        String tagOrDigest = reference.manifestReference();
        selection.set(reference.digest().isPresent() || reference.original().contains(":")
                ? Selection.of(repository, tagOrDigest) : Selection.of(repository));
        return new Navigation.Found(node, repository, reference);
    }

    /** The repositories of {@code registry} matching the filter (case-insensitive substring). */
    public List<RepositoryNode> visibleRepositories(RegistryNode registry) {
        String needle = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) return registry.repositories();
        List<RepositoryNode> visible = new ArrayList<>();
        for (RepositoryNode repository : registry.repositories()) {
            if (repository.name().contains(needle)) visible.add(repository);
        }
        return visible;
    }

    private static boolean sameHost(String a, String b) {
        return a.equalsIgnoreCase(b) || stripDefaultPort(a).equalsIgnoreCase(stripDefaultPort(b));
    }

    private static String stripDefaultPort(String host) {
        return host.endsWith(":443") ? host.substring(0, host.length() - 4) : host;
    }

}
