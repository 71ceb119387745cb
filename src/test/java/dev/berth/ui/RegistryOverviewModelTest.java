package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.CatalogLoader;
import dev.berth.browse.RecentPush;
import dev.berth.browse.RegistryFigures;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.SummaryCache;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.Selection;
import dev.berth.ui.browser.RegistryOverviewModel;
import dev.berth.ui.common.SyncUiExecutor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview's figures against a real registry: a bounded first scan, the rest on request, recent pushes that open their tag. */
class RegistryOverviewModelTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static TestImages.Image alpha;
    private static TestImages.Image beta;
    private static TestImages.Image gamma;

    private final SyncUiExecutor executor = new SyncUiExecutor();

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        TestImages.Content shared = TestImages.layer(100, 4000);
        alpha = seeder.pushImage("alpha/app", "1.0", TestImages.image().seed(1)
                .layers(List.of(shared, TestImages.layer(1, 300))).created(Instant.parse("2025-01-01T00:00:00Z")).build());
        beta = seeder.pushImage("beta/app", "2.0", TestImages.image().seed(2)
                .layers(List.of(shared, TestImages.layer(2, 500))).created(Instant.parse("2025-03-01T00:00:00Z")).build());
        seeder.pushImage("beta/app", "alpha-copy", alpha);
        gamma = seeder.pushImage("gamma/app", "0.1", TestImages.image().seed(3).layerSizes(700)
                .created(Instant.parse("2024-06-01T00:00:00Z")).build());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void theFirstRepositoriesAreReadAtOnceTheRestOnlyWhenAsked() throws Exception {
        RegistryOverviewModel overview = new RegistryOverviewModel(executor, new RepositoryScanner(SummaryCache.inMemory()), 2);
        BrowserViewModel browser = browser(overview);
        RegistryNode node = connect(browser);
        List<RegistryFigures> seen = new ArrayList<>();
        overview.figuresProperty().addListener((obs, old, now) -> seen.add(now));

        overview.show(node);
        RegistryFigures first = overview.figuresProperty().get();
        assertEquals(3, first.repositories());
        assertEquals(4, first.tags(), "tag counts come from the catalog load");
        assertTrue(first.tagsComplete());
        assertEquals(2, first.repositoriesScanned(), "bounded: two of three repositories read");
        assertFalse(first.scanComplete());
        assertEquals(2, first.images(), "alpha's image is tagged in two repositories but is one image");
        assertEquals(alpha.totalSize() + beta.totalSize() - 4000, first.sizeAsPulled(), "the shared layer counted once");
        assertEquals(List.of("beta/app:2.0", "alpha/app:1.0", "beta/app:alpha-copy"),
                first.recentPushes().stream().map(p -> p.repository() + ":" + p.tag()).toList());
        assertFalse(overview.scanningProperty().get());

        overview.scanRest();
        RegistryFigures all = overview.figuresProperty().get();
        assertTrue(all.scanComplete());
        assertEquals(3, all.images());
        assertEquals(alpha.totalSize() + beta.totalSize() - 4000 + gamma.totalSize(), all.sizeAsPulled());
        assertTrue(seen.size() >= 2, "the figures grew as repositories were read: " + seen);

        RecentPush newest = all.recentPushes().getFirst();
        assertEquals(Selection.of(node.repository("beta/app").orElseThrow(), "2.0"),
                overview.selectionFor(newest).orElseThrow());
    }

    @Test
    void refreshingTheConnectionStartsTheFiguresAgain() throws Exception {
        RegistryOverviewModel overview = new RegistryOverviewModel(executor, new RepositoryScanner(SummaryCache.inMemory()), 1);
        BrowserViewModel browser = browser(overview);
        RegistryNode node = connect(browser);
        overview.show(node);
        overview.scanRest();
        assertEquals(3, overview.figuresProperty().get().repositoriesScanned());

        browser.refresh(node);
        RegistryFigures again = overview.figuresProperty().get();
        assertEquals(1, again.repositoriesScanned(), "a refresh reads the first repositories again, bounded as before");
        assertEquals(3, again.repositories());
    }

    private BrowserViewModel browser(RegistryOverviewModel overview) {
        return new BrowserViewModel(executor, m -> { }, CatalogLoader.Options.defaults(), BrowserViewModel.ConnectionMemory.NONE, overview);
    }

    private static RegistryNode connect(BrowserViewModel browser) throws Exception {
        return browser.addRegistry("r", "local", registry.hostPort(),
                new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false)));
    }
}
