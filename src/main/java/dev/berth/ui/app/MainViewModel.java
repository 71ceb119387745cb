package dev.berth.ui.app;

import dev.berth.registry.RegistryClient;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.Selection;
import dev.berth.ui.browser.Navigation;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.RepositoryViewModel;
import dev.berth.ui.common.DialogService;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UserMessage;
import dev.berth.connection.ConnectionDraft;
import dev.berth.connection.Connection;
import dev.berth.connection.ConnectionId;
import dev.berth.connection.ConnectionService;
import dev.berth.connection.ProbedCapabilities;
import dev.berth.ui.cleanup.CleanupViewModel;
import dev.berth.ui.details.TagDetailsViewModel;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The window's state: which connections exist, what the right-hand pane shows for the current
 * selection, the theme, and the toolbar commands (add a registry, paste a reference, refresh).
 */
public final class MainViewModel {

    /** What the main pane shows. */
    public enum Pane { WELCOME, REGISTRY, REPOSITORY, TAG, CLEANUP, LOCAL_IMAGES, LOCAL_IMAGE, EMPTY }

    public enum Theme { LIGHT, DARK }

    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Notifier notifier;
    private final ConnectionService connections;
    private final BrowserViewModel browser;
    private final RepositoryViewModel repository;
    private final TagDetailsViewModel details;
    private final CleanupViewModel cleanup;
    private final dev.berth.ui.browser.RegistryOverviewModel overview;
    private final dev.berth.ui.browser.TagDeletionCheckCommand tagDeletionCheck;

    // Properties
    private final ReadOnlyObjectWrapper<Pane> pane = new ReadOnlyObjectWrapper<>(Pane.WELCOME);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final ReadOnlyObjectWrapper<Theme> chosenTheme = new ReadOnlyObjectWrapper<>();

    public MainViewModel(UiExecutor executor, DialogService dialogs, Notifier notifier, ConnectionService connections,
            BrowserViewModel browser, RepositoryViewModel repository, TagDetailsViewModel details, CleanupViewModel cleanup,
            dev.berth.ui.browser.RegistryOverviewModel overview) {
        this.overview = overview;
        this.executor = executor;
        this.dialogs = dialogs;
        this.notifier = notifier;
        this.connections = connections;
        this.browser = browser;
        this.repository = repository;
        this.details = details;
        this.cleanup = cleanup;
        this.tagDeletionCheck = new dev.berth.ui.browser.TagDeletionCheckCommand(executor, dialogs, notifier);
        browser.selectionProperty().addListener((obs, old, selected) -> show(selected));
        browser.registries().addListener((javafx.collections.ListChangeListener<RegistryNode>) c -> {
            if (browser.registries().isEmpty()) pane.set(Pane.WELCOME);
            else if (pane.get() == Pane.WELCOME) pane.set(Pane.EMPTY);
        });
    }

    public BrowserViewModel browser() {
        return browser;
    }

    /** The figures of the registry overview. */
    public dev.berth.ui.browser.RegistryOverviewModel overview() {
        return overview;
    }

    public RepositoryViewModel repository() {
        return repository;
    }

    public TagDetailsViewModel details() {
        return details;
    }

    public CleanupViewModel cleanup() {
        return cleanup;
    }

    /** Opens the cleanup of the repository shown in the tag table (its loaded metadata is reused). */
    public void openCleanup() {
        RepositoryNode node = repository.repositoryProperty().get();
        if (node == null) return;
        cleanup.open(node, Optional.ofNullable(repository.snapshotProperty().get()));
        pane.set(Pane.CLEANUP);
    }

    /** Deletes the chosen tags (by digest) through the cleanup preview: everything that goes is shown first. */
    public void deleteTags(java.util.Collection<String> tags) {
        RepositoryNode node = repository.repositoryProperty().get();
        var snapshot = repository.snapshotProperty().get();
        if (node == null || tags.isEmpty()) return;
        if (snapshot == null) {
            notifier.show(new UserMessage("Still loading", "Wait until the tags' metadata has loaded, then delete again.", "",
                    UserMessage.Kind.OTHER));
            return;
        }
        cleanup.prepareDeletion(node, snapshot, tags);
        pane.set(Pane.CLEANUP);
    }

    /** Cleans up every repository under a namespace folder of the tree ({@code team/}), or a whole connection (""). */
    public void openNamespaceCleanup(RegistryNode registry, String prefix) {
        cleanup.openNamespace(registry, prefix);
        pane.set(Pane.CLEANUP);
    }

    /**
     * The tree's "Delete…" on a tag: the same as the tag table's. The deletion needs the repository's
     * metadata (every tag on the digest goes too), so an unloaded repository is opened first and the
     * deletion runs once its snapshot arrives.
     */
    public void deleteTag(RepositoryNode node, String tag) {
        if (repository.repositoryProperty().get() != node || repository.snapshotProperty().get() == null) {
            browser.select(Selection.of(node));
            if (repository.repositoryProperty().get() != node) repository.open(node);
        }
        if (repository.snapshotProperty().get() != null) {
            deleteTags(java.util.List.of(tag));
            return;
        }
        repository.snapshotProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends dev.berth.browse.RepositorySnapshot> obs,
                    dev.berth.browse.RepositorySnapshot old, dev.berth.browse.RepositorySnapshot loaded) {
                if (loaded == null) return;
                obs.removeListener(this);
                // Another repository opened meanwhile: the person moved on, so the deletion is dropped.
                if (repository.repositoryProperty().get() == node) deleteTags(java.util.List.of(tag));
            }
        });
    }

    /** Back from the cleanup: to the repository's tags, or for a namespace to whatever the tree has selected. */
    public void closeCleanup() {
        if (cleanup.repositoryProperty().get() == null && cleanup.targetProperty().get() != null) {
            show(browser.selectionProperty().get());
            return;
        }
        pane.set(repository.repositoryProperty().get() == null ? Pane.EMPTY : Pane.REPOSITORY);
    }

    public ReadOnlyObjectProperty<Pane> paneProperty() {
        return pane.getReadOnlyProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    // Commands

    /** Loads the saved connections (off the FX thread) and puts them in the tree. */
    public void start() {
        browser.refreshLocalImages();
        executor.submit("Loading saved connections", (cancel, progress) -> connections.loadAll(), startup -> {
            startup.connections().forEach(this::show);
            startup.notes().forEach(note -> notifier.show(new UserMessage("Saved connections", note, "", UserMessage.Kind.OTHER)));
        }, this::say);
    }

    /** Asks for a new connection (pre-filled with {@code address}), saves it and adds it. */
    public void addConnection(String address) {
        dialogs.editConnection(ConnectionDraft.of(address), "Add a registry").ifPresent(this::connect);
    }

    /** Saves {@code draft} as a new connection in the background and adds it to the tree. */
    public void connect(ConnectionDraft draft) {
        connect(draft, null);
    }

    private void connect(ConnectionDraft draft, Runnable then) {
        executor.submit("Connecting to " + draft.host(), (cancel, progress) -> connections.save(draft, Optional.empty()), opened -> {
            RegistryNode node = show(opened);
            browser.select(Selection.of(node));
            if (then != null) then.run();
        }, this::say);
    }

    /** The welcome pane's "Open the demo": writes the offline demo on first use and opens it as a connection. */
    public void openDemo() {
        executor.submit("Opening the demo", (cancel, progress) -> connections.openDemo(), this::showAndSelect, this::say);
    }

    /** "Open folder…": a folder of OCI image layouts (one, or one per repository in sub-folders) as a connection. */
    public void openFolder() {
        dialogs.chooseFolder("Open a folder of OCI image layouts").ifPresent(this::openFolder);
    }

    /** Opens {@code folder} (dropped on the window, named on the command line) as "Open folder…" would. */
    public void openFolder(java.nio.file.Path folder) {
        executor.submit("Opening " + folder, (cancel, progress) -> connections.openFolder(folder), this::showAndSelect, this::say);
    }

    /** Selects the opened connection, adding it to the tree unless it is there already. */
    private void showAndSelect(ConnectionService.Opened opened) {
        String id = opened.connection().id().value();
        RegistryNode node = browser.registries().stream().filter(r -> r.id().equals(id)).findFirst().orElseGet(() -> show(opened));
        browser.select(Selection.of(node));
    }

    /** Edits a connection, e.g. to fix credentials after an auth error; reloads it with the new settings. */
    public void editConnection(RegistryNode node) {
        ConnectionId id = new ConnectionId(node.id());
        ConnectionDraft current = connections.find(id).map(ConnectionDraft::of).orElse(ConnectionDraft.of(node.host()));
        dialogs.editConnection(current, "Edit " + node.displayName()).ifPresent(draft -> executor.submit(
                "Connecting to " + draft.host(), (cancel, progress) -> connections.save(draft, Optional.of(id)), opened -> {
                    Optional<UserMessage> problem = opened.problem().map(UserMessage::of);
                    browser.reconnect(node, opened.connection().name(),
                            opened.connection().lastProbe().map(ProbedCapabilities::capabilities), opened.client(), problem);
                    problem.ifPresent(notifier::show);
                }, this::say));
    }

    /** Adds a copy of a connection (e.g. the same registry with another account). */
    public void duplicateConnection(RegistryNode node) {
        executor.submit("Duplicating " + node.displayName(), (cancel, progress) -> connections.duplicate(new ConnectionId(node.id())),
                opened -> browser.select(Selection.of(show(opened))), this::say);
    }

    /** Removes a connection (and its saved secrets) after asking. */
    public void removeConnection(RegistryNode node) {
        if (!dialogs.confirm("Remove " + node.displayName() + "?", "Berth forgets this connection and its saved password. "
                + "Nothing on the registry changes.", "Remove")) return;
        executor.submit("Removing " + node.displayName(), (cancel, progress) -> {
            connections.remove(new ConnectionId(node.id()));
            return node;
        }, browser::removeRegistry, this::say);
    }

    /** Adds every registry Docker knows (config.json, credential helpers) that Berth does not have yet. */
    public void importFromDocker() {
        executor.submit("Importing Docker's registries", (cancel, progress) -> connections.importFromDocker(), opened -> {
            opened.forEach(this::show);
            if (opened.isEmpty()) {
                notifier.show(new UserMessage("Nothing to import", "Berth already has every registry Docker knows.", "", UserMessage.Kind.OTHER));
            }
        }, this::say);
    }

    /** Adds a registry with an already connected client (tests and tools that manage no saved connection). */
    public RegistryNode addConnected(String displayName, String host, RegistryClient client) {
        return browser.addRegistry(ConnectionId.random().value(), displayName, host, client);
    }

    private RegistryNode show(ConnectionService.Opened opened) {
        Connection connection = opened.connection();
        RegistryNode node = opened.client().isPresent()
                ? new RegistryNodeFactory(browser).connected(connection, opened.client().get())
                : browser.addUnconnected(connection.id().value(), connection.name(), connection.apiHost(),
                        UserMessage.of(opened.problem().orElseThrow()));
        return node;
    }

    /** The toolbar's search field: navigates to a pasted reference, offering a connection when none fits. */
    public void search(String text) {
        if (text == null || text.isBlank()) return;
        switch (browser.navigateTo(text.strip())) {
            case Navigation.Found found -> { }
            case Navigation.NeedsConnection needs -> {
                String host = needs.reference().apiHost();
                if (dialogs.confirm("No connection for " + needs.reference().registry(),
                        "Berth has no connection to " + needs.reference().registry() + ". Create one to open "
                                + needs.reference().familiar() + "?", "Create connection")) {
                    dialogs.editConnection(ConnectionDraft.of(host), "Add a registry")
                            .ifPresent(draft -> connect(draft, () -> browser.navigateTo(text.strip())));
                }
            }
            case Navigation.Invalid invalid -> say(new IllegalArgumentException(invalid.message()));
        }
    }

    /** Reloads whatever is selected. */
    public void refresh() {
        switch (browser.selectionProperty().get()) {
            case Selection.None none -> {
                browser.registries().forEach(browser::refresh);
                browser.refreshLocalImages();
            }
            case Selection.OfLocalImages images -> browser.refreshLocalImages();
            case Selection.OfLocalImage image -> browser.refreshLocalImages();
            case Selection.OfRegistry selected -> browser.refresh(selected.registry());
            case Selection.OfRepository selected -> repository.open(selected.repository()); // its scan refreshes the tree's tags as well
            case Selection.OfTag tag -> show(tag);
        }
    }

    /** The user's own choice: it is remembered, and it wins over the desktop's preference from then on. */
    public void toggleTheme() {
        theme.set(theme.get() == Theme.LIGHT ? Theme.DARK : Theme.LIGHT);
        chosenTheme.set(theme.get());
    }

    /** The theme the user chose with {@link #toggleTheme}; null until they do. */
    public ReadOnlyObjectProperty<Theme> chosenThemeProperty() {
        return chosenTheme.getReadOnlyProperty();
    }

    private void show(Selection selected) {
        switch (selected) {
            case Selection.None none -> pane.set(browser.registries().isEmpty() ? Pane.WELCOME : Pane.EMPTY);
            case Selection.OfRegistry registry -> pane.set(Pane.REGISTRY);
            case Selection.OfRepository selectedRepository -> {
                RepositoryNode node = selectedRepository.repository();
                if (repository.repositoryProperty().get() != node || repository.rows().isEmpty()) repository.open(node);
                pane.set(Pane.REPOSITORY);
            }
            case Selection.OfTag tag -> {
                RepositoryNode node = tag.repository();
                boolean sameRepository = repository.repositoryProperty().get() == node;
                details.open(node.registry().client(), node.registry().place(), node.name(), tag.tag(),
                        sameRepository ? Optional.ofNullable(repository.snapshotProperty().get()) : Optional.empty());
                pane.set(Pane.TAG);
            }
            case Selection.OfLocalImages images -> pane.set(Pane.LOCAL_IMAGES);
            case Selection.OfLocalImage image -> {
                details.openLocal(image.image().name(), image.image().repository().isEmpty()
                        ? "Untagged image " + image.image().image().shortId() : image.image().name());
                pane.set(Pane.LOCAL_IMAGE);
            }
        }
    }

    /** Finds out by trying, after asking, whether the registry's tag delete removes only the tag; remembered with the connection. */
    public void checkTagDeletion(RegistryNode node) {
        tagDeletionCheck.check(node, capabilities -> browser.memory().probed(node, capabilities));
    }

    /** After a cleanup's apply or undo: the open repository's scan refreshes its tree tags too; the others only need their tags. */
    public static void reload(java.util.List<RepositoryNode> changed, RepositoryViewModel repository, BrowserViewModel browser) {
        for (RepositoryNode node : changed) {
            if (repository.repositoryProperty().get() == node) repository.open(node);
            else browser.loadTags(node);
        }
    }

    private void say(Throwable error) {
        notifier.show(UserMessage.of(error));
    }
}
