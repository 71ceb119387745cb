package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.CatalogLoader;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.ui.common.SyncUiExecutor;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered selection comes back once its connection has loaded, as deep as it still exists, unless the user chose first. */
class SelectionRestoreTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private final BrowserViewModel browser = new BrowserViewModel(new SyncUiExecutor(), message -> { }, CatalogLoader.Options.defaults());

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        seeder.pushImage("team/app", "1.0", 1, 100);
        seeder.pushImage("team/app", "2.0", 2, 100);
        seeder.pushImage("solo", "v1", 3, 100);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static RegistryClient client() throws Exception {
        return new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
    }

    private RegistryNode connect(String id) throws Exception {
        return browser.addRegistry(id, "local", registry.hostPort(), client());
    }

    private static SelectionPlace place(String connection, String repository, String tag) {
        return new SelectionPlace(connection, Optional.ofNullable(repository), Optional.ofNullable(tag));
    }

    @Test
    void aTagComesBackOnceItsConnectionIsAddedAndItsTagsLoaded() throws Exception {
        SelectionRestore restore = SelectionRestore.start(browser, place("saved-1", "team/app", "2.0"));
        assertEquals(Selection.NONE, browser.selectionProperty().get(), "nothing to select before the connection is there");
        assertFalse(restore.finished());

        RegistryNode node = connect("saved-1");

        RepositoryNode app = node.repository("team/app").orElseThrow();
        assertEquals(Selection.of(app, "2.0"), browser.selectionProperty().get());
        assertEquals(LoadState.LOADED, app.tagsStateProperty().get());
        assertTrue(restore.finished());
        assertEquals(Optional.of(place("saved-1", "team/app", "2.0")), SelectionPlace.of(browser.selectionProperty().get()));
    }

    @Test
    void aConnectionAlreadyLoadedIsSelectedAtOnce() throws Exception {
        RegistryNode node = connect("saved-1");
        SelectionRestore.start(browser, place("saved-1", "solo", null));
        assertEquals(Selection.of(node.repository("solo").orElseThrow()), browser.selectionProperty().get());
        SelectionRestore.start(browser, place("saved-1", null, null));
        assertEquals(Selection.of(node.repository("solo").orElseThrow()), browser.selectionProperty().get(),
                "a selection already made is never replaced");
    }

    @Test
    void whatWasDeletedSinceLeavesItsParentSelected() throws Exception {
        RegistryNode node = connect("saved-1");
        SelectionRestore.start(browser, place("saved-1", "team/app", "9.9"));
        assertEquals(Selection.of(node.repository("team/app").orElseThrow()), browser.selectionProperty().get(), "the tag is gone");

        BrowserViewModel other = new BrowserViewModel(new SyncUiExecutor(), message -> { }, CatalogLoader.Options.defaults());
        RegistryNode again = other.addRegistry("saved-1", "local", registry.hostPort(), client());
        SelectionRestore.start(other, place("saved-1", "gone/away", "1.0"));
        assertEquals(Selection.of(again), other.selectionProperty().get(), "the repository is gone");
    }

    @Test
    void theUserChoosingFirstStopsIt() throws Exception {
        SelectionRestore restore = SelectionRestore.start(browser, place("saved-2", "team/app", "1.0"));
        RegistryNode first = connect("saved-1");
        browser.select(Selection.of(first));
        assertTrue(restore.finished());

        connect("saved-2");
        assertEquals(Selection.of(first), browser.selectionProperty().get());
    }

    @Test
    void theLocalEnginesImagesAndNothingAreNotRemembered() throws Exception {
        assertEquals(Optional.empty(), SelectionPlace.of(Selection.NONE));
        RegistryNode node = connect("saved-1");
        assertEquals(Optional.of(place("saved-1", null, null)), SelectionPlace.of(Selection.of(node)));
    }
}
