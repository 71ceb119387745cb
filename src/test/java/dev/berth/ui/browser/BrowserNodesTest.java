package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.browse.CatalogLoader;
import dev.berth.registry.Capabilities;
import dev.berth.ui.common.SyncUiExecutor;
import dev.berth.ui.common.UserMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tree's nodes are read outside the browser package and changed only through {@link BrowserViewModel}. */
class BrowserNodesTest {

    private final BrowserViewModel browser = new BrowserViewModel(new SyncUiExecutor(), message -> { }, CatalogLoader.Options.defaults());
    private final UserMessage noPassword = new UserMessage("No saved password", "Enter it again.", "", UserMessage.Kind.OTHER);

    @Test
    void theListsOfANodeCannotBeChangedFromOutside() {
        RegistryNode node = browser.addUnconnected("id", "local", "localhost:5000", noPassword);
        node.addRepositories(List.of("team/app"));
        RepositoryNode app = node.repository("team/app").orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> node.repositories().clear());
        assertThrows(UnsupportedOperationException.class, () -> app.tags().add("latest"));
    }

    @Test
    void aSavedConnectionStartsWithWhatItRemembers() {
        Capabilities remembered = new Capabilities(Capabilities.AuthScheme.NONE, Capabilities.Ability.YES, Capabilities.Ability.YES,
                Capabilities.TagDeletion.REMOVES_TAG_ONLY, Capabilities.Ability.NO, Optional.empty(), "");
        // No client: nothing is probed, so what is shown is only what was remembered.
        RegistryNode node = browser.addRegistry("id", "local", "localhost:5000", null, Optional.of(remembered), List.of("b/two", "a/one"));
        assertEquals(remembered, node.capabilitiesProperty().get());
        assertEquals(List.of("a/one", "b/two"), node.repositories().stream().map(RepositoryNode::name).toList());
    }

    @Test
    void reconnectingWithoutAClientRenamesAndShowsWhy() {
        RegistryNode node = browser.addUnconnected("id", "local", "localhost:5000", noPassword);
        UserMessage badCa = new UserMessage("Untrusted certificate", "Choose the CA file.", "", UserMessage.Kind.OTHER);
        browser.reconnect(node, "renamed", Optional.empty(), Optional.empty(), Optional.of(badCa));
        assertEquals("renamed", node.displayName());
        assertEquals(badCa, node.problemProperty().get());
        assertEquals(LoadState.FAILED, node.stateProperty().get());
    }

    @Test
    void theSameTagsAgainChangeNothingSoTheTreeKeepsItsTagRows() {
        RegistryNode node = browser.addUnconnected("id", "local", "localhost:5000", noPassword);
        node.addRepositories(List.of("team/app"));
        RepositoryNode app = node.repository("team/app").orElseThrow();
        app.showTags(List.of("1.0", "2.0"));
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        app.tags().addListener((javafx.collections.ListChangeListener<String>) change -> changes.incrementAndGet());
        app.showTags(List.of("1.0", "2.0"));
        assertEquals(0, changes.get(), "a rescan that found the same tags");
        app.showTags(List.of("1.0", "2.0", "3.0"));
        assertEquals(1, changes.get());
    }
}
