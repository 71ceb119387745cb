package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.CatalogLoader;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.SummaryCache;
import dev.berth.domain.Printable;
import dev.berth.registry.ListingLimits;
import dev.berth.testing.HostileNamesRegistry;
import dev.berth.ui.Screenshots;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.SyncUiExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Names outside the grammar in the tree and the tag table: escaped, marked, never opened; a too-large catalog keeps what came. */
@ExtendWith(ApplicationExtension.class)
class InvalidNamesViewTest {

    @RegisterExtension
    final HostileNamesRegistry registry = new HostileNamesRegistry();
    private BrowserViewModel browser;
    private RepositoryViewModel tags;
    private RegistryTreeView tree;
    private Scene scene;

    @Start
    void start(Stage stage) {
        // Without tag counting: the endless registry's tag lists are endless too.
        browser = new BrowserViewModel(new SyncUiExecutor(), Notifier.NONE, CatalogLoader.Options.defaults().withCountTags(false));
        tags = new RepositoryViewModel(new SyncUiExecutor(), Notifier.NONE, new RepositoryScanner(SummaryCache.none(), 2, Duration.ZERO));
        tree = new RegistryTreeView(browser);
        TagTableView table = new TagTableView(tags);
        HBox.setHgrow(table, Priority.ALWAYS);
        tree.setPrefWidth(380);
        scene = new Scene(new HBox(8, tree, table), 1100, 560);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void invalidNamesShowEscapedAndMarkedAndOpenNothing() throws Exception {
        // The synchronous executor loads the catalog inside addRegistry.
        RegistryNode node = fx(() -> browser.addRegistry("id", "hostile", registry.host(), registry.connect()));
        assertEquals(HostileNamesRegistry.allRepositories().size(), node.repositories().size());
        RepositoryNode valid = node.repository("ok/repo").orElseThrow();
        RepositoryNode evil = node.repository("evil\u001b]0;pwned\u0007").orElseThrow();
        assertFalse(evil.isValidName());
        assertEquals("\"evil\\u001b]0;pwned\\u0007\"", evil.shortName());
        // The tree shows the catalog 120 ms after it came (debounced; later on a loaded machine): waited for, not slept through.
        waits().waitUntil(() -> {
            expandAll(tree.tree().getRoot());
            return find(tree.tree().getRoot(), evil) != null;
        });

        // Selecting or expanding an invalid repository opens nothing and asks the registry nothing.
        fx(() -> {
            TreeItem<Object> item = find(tree.tree().getRoot(), evil);
            tree.tree().getSelectionModel().select(item);
            item.setExpanded(true);
            return null;
        });
        assertEquals(Selection.NONE, browser.selectionProperty().get());
        assertEquals(List.of(), evil.tags());

        // A valid repository's tags: in the tree (as listed) and in the table (from the scan), invalid ones marked.
        fx(() -> {
            browser.loadTags(valid);
            expandAll(tree.tree().getRoot());
            tags.open(valid);
            return null;
        });
        assertEquals(HostileNamesRegistry.allTags().size(), tags.rows().size());
        TagRow row = tags.rows().stream().filter(r -> r.tag().equals("a\nfake")).findFirst().orElseThrow();
        assertFalse(row.isValidName());
        assertEquals("\"a\\u000afake\"", row.displayTag());
        assertNull(row.digestProperty().get(), "never requested");

        // The cells are made and filled on layout passes, the tree's tag rows after its debounced rebuild: wait for both.
        List<String> shown = waits().waitFor(() -> {
            expandAll(tree.tree().getRoot());
            dev.berth.ui.FxWaits.layOutNow(scene);
            List<String> texts = java.util.stream.Stream.concat(scene.getRoot().lookupAll(".tree-cell").stream(),
                    scene.getRoot().lookupAll(".table-cell").stream()).map(InvalidNamesViewTest::text).filter(t -> !t.isEmpty()).toList();
            return texts.stream().anyMatch(t -> t.contains("invalid name")) ? texts : null;
        });
        assertTrue(shown.stream().anyMatch(t -> t.contains("\"evil\\u001b]0;pwned\\u0007\"")), shown.toString());
        assertTrue(shown.stream().anyMatch(t -> t.contains("invalid name")), shown.toString());
        shown.forEach(t -> assertFalse(t.chars().anyMatch(c -> Printable.isUnsafe((char) c)), "raw control in " + Printable.quoted(t)));
        assertEquals(List.of(), registry.requestsFromInvalidNames());
        Screenshots.take(scene, "invalid-names");
    }

    @Test
    void aCatalogOverTheLimitShowsTheErrorOnTheConnectionAndKeepsWhatCame() throws Exception {
        registry.endless(1000);
        RegistryNode node = fx(() -> browser.addRegistry("id", "endless", registry.host(),
                registry.connect().withListingLimits(new ListingLimits(2_500, Long.MAX_VALUE), ListingLimits.TAGS)));

        assertEquals(LoadState.FAILED, node.stateProperty().get());
        assertNotNull(node.problemProperty().get());
        assertTrue(node.problemProperty().get().text().contains("more than 2,500 names"), node.problemProperty().get().text());
        assertEquals(2_500, node.repositories().size(), "what arrived before the limit stays in the tree");
        Screenshots.take(scene, "catalog-over-limit");
    }

    private static String text(Node node) {
        StringBuilder all = new StringBuilder();
        if (node instanceof Labeled l && l.getText() != null) all.append(l.getText());
        if (node instanceof javafx.scene.Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) all.append(' ').append(text(child));
        }
        return all.toString().strip();
    }

    private static void expandAll(TreeItem<Object> item) {
        if (!(item.getValue() instanceof RepositoryNode)) {
            item.setExpanded(true);
            item.getChildren().forEach(InvalidNamesViewTest::expandAll);
        }
    }

    private static TreeItem<Object> find(TreeItem<Object> item, Object value) {
        if (item.getValue() == value) return item;
        for (TreeItem<Object> child : item.getChildren()) {
            TreeItem<Object> found = find(child, value);
            if (found != null) return found;
        }
        return null;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    private dev.berth.ui.FxWaits waits() {
        return new dev.berth.ui.FxWaits(scene, "invalid-names", 20);
    }
}
