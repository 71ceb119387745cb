package dev.berth.ui.app;

import dev.berth.registry.RegistryClient;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.Navigation;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.RepositoryViewModel;
import dev.berth.ui.common.DialogService;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UserMessage;
import dev.berth.ui.connections.ConnectionDraft;
import dev.berth.ui.connections.RegistryConnector;
import dev.berth.ui.details.TagDetailsViewModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
    public enum Pane { WELCOME, REGISTRY, REPOSITORY, TAG, EMPTY }

    public enum Theme { LIGHT, DARK }

    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Notifier notifier;
    private final RegistryConnector connector;
    private final BrowserViewModel browser;
    private final RepositoryViewModel repository;
    private final TagDetailsViewModel details;
    private final Map<RegistryNode, ConnectionDraft> drafts = new HashMap<>();

    // Properties
    private final ReadOnlyObjectWrapper<Pane> pane = new ReadOnlyObjectWrapper<>(Pane.WELCOME);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final ReadOnlyObjectWrapper<UserMessage> lastMessage = new ReadOnlyObjectWrapper<>();

    public MainViewModel(UiExecutor executor, DialogService dialogs, Notifier notifier, RegistryConnector connector,
            BrowserViewModel browser, RepositoryViewModel repository, TagDetailsViewModel details) {
        this.executor = executor;
        this.dialogs = dialogs;
        this.notifier = notifier;
        this.connector = connector;
        this.browser = browser;
        this.repository = repository;
        this.details = details;
        browser.selectionProperty().addListener((obs, old, selected) -> show(selected));
        browser.registries().addListener((javafx.collections.ListChangeListener<RegistryNode>) c -> {
            if (browser.registries().isEmpty()) pane.set(Pane.WELCOME);
            else if (pane.get() == Pane.WELCOME) pane.set(Pane.EMPTY);
        });
    }

    public BrowserViewModel browser() {
        return browser;
    }

    public RepositoryViewModel repository() {
        return repository;
    }

    public TagDetailsViewModel details() {
        return details;
    }

    public ReadOnlyObjectProperty<Pane> paneProperty() {
        return pane.getReadOnlyProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The last thing said to the user (also shown as a notification). */
    public ReadOnlyObjectProperty<UserMessage> lastMessageProperty() {
        return lastMessage.getReadOnlyProperty();
    }

    public BooleanBinding canRefresh() {
        return Bindings.createBooleanBinding(() -> browser.selectionProperty().get() != null, browser.selectionProperty());
    }

    // Commands

    /** Asks for a new connection (pre-filled with {@code address}) and adds it. */
    public void addConnection(String address) {
        dialogs.editConnection(ConnectionDraft.of(address), "Add a registry").ifPresent(this::connect);
    }

    /** Edits a connection, e.g. to fix credentials after an auth error; reloads it with the new settings. */
    public void editConnection(RegistryNode node) {
        ConnectionDraft current = drafts.getOrDefault(node, ConnectionDraft.of(node.host()));
        dialogs.editConnection(current, "Edit " + node.displayName()).ifPresent(draft -> executor.submit(
                "Connecting to " + draft.host(), (cancel, progress) -> connector.connect(draft), client -> {
                    drafts.put(node, draft);
                    node.replaceClient(client);
                    browser.refresh(node);
                }, this::say));
    }

    /** Connects with {@code draft} in the background and adds it to the tree. */
    public void connect(ConnectionDraft draft) {
        executor.submit("Connecting to " + draft.host(), (cancel, progress) -> connector.connect(draft), client -> {
            RegistryNode node = browser.addRegistry(UUID.randomUUID().toString(), draft.displayName(), draft.host(), client);
            drafts.put(node, draft);
            browser.selectionProperty().set(node);
        }, this::say);
    }

    /** Adds a registry with an already connected client (the app's start-up and tests). */
    public RegistryNode addConnected(String displayName, String host, RegistryClient client) {
        return browser.addRegistry(UUID.randomUUID().toString(), displayName, host, client);
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
                    dialogs.editConnection(ConnectionDraft.of(host), "Add a registry").ifPresent(draft -> executor.submit(
                            "Connecting to " + draft.host(), (cancel, progress) -> connector.connect(draft), client -> {
                                RegistryNode node = browser.addRegistry(UUID.randomUUID().toString(), draft.displayName(),
                                        draft.host(), client);
                                drafts.put(node, draft);
                                browser.navigateTo(text.strip());
                            }, this::say));
                }
            }
            case Navigation.Invalid invalid -> say(new IllegalArgumentException(invalid.message()));
        }
    }

    /** Reloads whatever is selected. */
    public void refresh() {
        Object selected = browser.selectionProperty().get();
        switch (selected) {
            case RegistryNode node -> browser.refresh(node);
            case RepositoryNode node -> {
                browser.loadTags(node);
                repository.open(node);
            }
            case BrowserViewModel.TagSelection tag -> show(tag);
            case null, default -> browser.registries().forEach(browser::refresh);
        }
    }

    public void toggleTheme() {
        theme.set(theme.get() == Theme.LIGHT ? Theme.DARK : Theme.LIGHT);
    }

    private void show(Object selected) {
        switch (selected) {
            case RegistryNode node -> pane.set(Pane.REGISTRY);
            case RepositoryNode node -> {
                if (repository.repositoryProperty().get() != node || repository.rows().isEmpty()) repository.open(node);
                pane.set(Pane.REPOSITORY);
            }
            case BrowserViewModel.TagSelection tag -> {
                RepositoryNode node = tag.repository();
                boolean sameRepository = repository.repositoryProperty().get() == node;
                details.open(node.registry().client(), node.registry().host(), node.name(), tag.tag(),
                        sameRepository ? Optional.ofNullable(repository.snapshotProperty().get()) : Optional.empty());
                pane.set(Pane.TAG);
            }
            case null, default -> pane.set(browser.registries().isEmpty() ? Pane.WELCOME : Pane.EMPTY);
        }
    }

    private void say(Throwable error) {
        UserMessage message = UserMessage.of(error);
        lastMessage.set(message);
        notifier.show(message);
    }
}
