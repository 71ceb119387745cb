package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.CatalogLoader;
import dev.berth.ui.common.SyncUiExecutor;
import dev.berth.ui.common.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The browser's selection as a sealed value: breadcrumbs, Back/Forward, and what removing a connection leaves selected. */
class SelectionTest {

    private final BrowserViewModel browser = new BrowserViewModel(new SyncUiExecutor(), message -> { }, CatalogLoader.Options.defaults());
    private final RegistryNode one = unconnected("one");
    private final RegistryNode two = unconnected("two");

    private RegistryNode unconnected(String name) {
        RegistryNode node = browser.addUnconnected(name, name, name + ".example:5000",
                new UserMessage("Not connected", "test", "", UserMessage.Kind.OTHER));
        node.addRepositories(List.of("team/app", "solo"));
        return node;
    }

    private RepositoryNode app(RegistryNode registry) {
        return registry.repository("team/app").orElseThrow();
    }

    @Test
    void startsWithNothingSelectedAndNeverNull() {
        assertEquals(Selection.NONE, browser.selectionProperty().get());
        assertThrows(NullPointerException.class, () -> browser.select(null));
    }

    @Test
    void crumbsNameEveryStepOfATag() {
        List<Crumbs.Crumb> crumbs = Crumbs.of(Selection.of(app(one), "1.0"));
        assertEquals(List.of("one", "team", "app", "1.0"), crumbs.stream().map(Crumbs.Crumb::label).toList());
        assertEquals(List.of(Selection.of(one), Selection.of(one), Selection.of(app(one)), Selection.of(app(one), "1.0")),
                crumbs.stream().map(Crumbs.Crumb::target).toList());
        assertEquals("team/", crumbs.get(1).namespace(), "the namespace crumb filters the tree");
        assertEquals(List.of(), Crumbs.of(Selection.NONE));
    }

    @Test
    void backAndForwardWalkTheSelections() {
        browser.select(Selection.of(one));
        browser.select(Selection.of(app(one)));
        browser.select(Selection.of(app(one), "1.0"));
        browser.back();
        assertEquals(Selection.of(app(one)), browser.selectionProperty().get());
        browser.back();
        assertEquals(Selection.of(one), browser.selectionProperty().get());
        assertFalse(browser.history().canGoBackProperty().get());
        browser.forward();
        browser.forward();
        assertEquals(Selection.of(app(one), "1.0"), browser.selectionProperty().get());
    }

    @Test
    void selectingTheSameThingAgainAddsNoBackStep() {
        browser.select(Selection.of(app(one)));
        browser.select(Selection.of(app(one)));
        assertFalse(browser.history().canGoBackProperty().get());
    }

    @Test
    void removingAConnectionClearsATagSelectedUnderItAndBackSkipsIt() {
        browser.select(Selection.of(two));
        browser.select(Selection.of(app(one), "1.0"));
        browser.removeRegistry(one);
        assertEquals(Selection.NONE, browser.selectionProperty().get());
        assertTrue(browser.history().canGoBackProperty().get());
        browser.back();
        assertEquals(Selection.of(two), browser.selectionProperty().get(), "the removed connection's steps are skipped");
    }

    @Test
    void removingAnotherConnectionKeepsTheSelection() {
        browser.select(Selection.of(app(two)));
        browser.removeRegistry(one);
        assertEquals(Selection.of(app(two)), browser.selectionProperty().get());
    }
}
