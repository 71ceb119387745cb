package dev.berth.ui.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;

/**
 * Selects a remembered {@link SelectionPlace} once the tree can show it: when its connection is added and its
 * catalog loaded, and for a tag once the repository's tags are. It goes as deep as still exists (a deleted tag
 * leaves its repository selected, a deleted repository its registry), and gives way the moment the user selects
 * anything first. Runs on the UI thread, driven by the nodes' own properties: no polling, no waiting thread.
 */
public final class SelectionRestore {

    private final BrowserViewModel browser;
    private final SelectionPlace place;
    private final InvalidationListener retry = obs -> attempt();
    private final InvalidationListener userChose = obs -> finish();
    private final List<Observable> watched = new ArrayList<>();
    private boolean done;

    private SelectionRestore(BrowserViewModel browser, SelectionPlace place) {
        this.browser = browser;
        this.place = place;
    }

    /** Starts looking for {@code place}; a selection already made (by the user, or an argument given at launch) wins. */
    public static SelectionRestore start(BrowserViewModel browser, SelectionPlace place) {
        SelectionRestore restore = new SelectionRestore(browser, place);
        if (!(browser.selectionProperty().get() instanceof Selection.None)) {
            restore.done = true;
            return restore;
        }
        browser.selectionProperty().addListener(restore.userChose);
        restore.watch(browser.registries());
        restore.attempt();
        return restore;
    }

    /** True once it selected what it could, or gave way to the user. */
    public boolean finished() {
        return done;
    }

    private void attempt() {
        if (done) return;
        Optional<RegistryNode> registry = browser.registries().stream().filter(r -> r.id().equals(place.connectionId())).findFirst();
        if (registry.isEmpty()) return; // saved connections are still loading, or this one was removed
        RegistryNode node = registry.get();
        if (place.repository().isEmpty()) {
            select(Selection.of(node));
            return;
        }
        watch(node.stateProperty());
        LoadState catalog = node.stateProperty().get();
        Optional<RepositoryNode> repository = node.repository(place.repository().get());
        if (repository.isEmpty()) {
            if (catalog == LoadState.LOADED || catalog == LoadState.FAILED) select(Selection.of(node));
            return;
        }
        RepositoryNode found = repository.get();
        if (place.tag().isEmpty()) {
            select(Selection.of(found));
            return;
        }
        watch(found.tagsStateProperty());
        switch (found.tagsStateProperty().get()) {
            case IDLE -> browser.loadTags(found);
            case LOADING -> { }
            case LOADED -> select(found.tags().contains(place.tag().get()) ? Selection.of(found, place.tag().get()) : Selection.of(found));
            case FAILED -> select(Selection.of(found));
        }
    }

    private void watch(Observable observable) {
        if (watched.contains(observable)) return;
        watched.add(observable);
        observable.addListener(retry);
    }

    private void select(Selection selection) {
        finish();
        browser.select(selection);
    }

    private void finish() {
        done = true;
        browser.selectionProperty().removeListener(userChose);
        watched.forEach(observable -> observable.removeListener(retry));
        watched.clear();
    }
}
