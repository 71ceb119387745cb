package dev.berth.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.registry.Capabilities.Ability;
import dev.berth.registry.Capabilities.AuthScheme;
import dev.berth.registry.Capabilities.TagDeletion;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery against a real Distribution 2.8 without auth: probe, catalog and tag listings (T8, T10, T17). */
class NoAuthRegistryTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static RegistrySeeder seeder;
    private static RegistryClient client;

    /** Repositories seeded before any test; tests may add more but never remove a repository. */
    private static final List<String> SEEDED = List.of("alpha/app", "beta", "gamma/one/two/three", "delta/tools", "omega/x");

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(work).start();
        seeder = RegistrySeeder.of(registry);
        long seed = 100;
        for (String repo : SEEDED) seeder.pushImage(repo, "1", seed++, 200);
        client = RealRegistry.plain(registry, Credentials.anonymous());
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void probeOfDistribution28WithoutAuth() throws Exception {
        Capabilities caps = client.probeIncludingDeletes(Optional.empty());

        assertEquals(AuthScheme.NONE, caps.auth());
        assertEquals(Ability.YES, caps.catalog(), caps.notes());
        assertEquals(Ability.YES, caps.deletes(), caps.notes());
        assertEquals(TagDeletion.NOT_SUPPORTED, caps.tagDeletion(), caps.notes());
        assertEquals(Ability.NO, caps.referrersApi(), caps.notes());
        assertTrue(caps.sampleRepository().isPresent());
        assertTrue(client.catalog().contains(caps.sampleRepository().get()));
    }

    @Test
    void probeChangesNothing() throws Exception {
        Image image = seeder.pushImage("probe/target", "keep", 150, 100);
        client.probeIncludingDeletes(Optional.of("probe/target"));
        assertArrayEquals(image.manifest().bytes(), seeder.getManifest("probe/target", "keep"));
        assertEquals(List.of("keep"), client.tags("probe/target"));
    }

    @Test
    void catalogPagesOfOneFollowTheRelativeLinks() throws Exception {
        List<String> whole = client.catalog();
        List<String> paged = new ArrayList<>();
        Page<String> page = client.catalogPage(Optional.empty(), 1);
        int pages = 1;
        paged.addAll(page.items());
        assertEquals(1, page.items().size());
        while (page.next().isPresent()) {
            String next = page.next().get();
            assertTrue(next.startsWith(registry.baseUrl() + "/v2/_catalog?"), "link resolved against the registry: " + next);
            page = client.catalogPage(Optional.of(next), 1);
            assertTrue(page.items().size() <= 1, page.toString());
            paged.addAll(page.items());
            assertTrue(++pages <= whole.size() + 1, "more pages than repositories: a link loop?");
        }
        assertTrue(pages >= SEEDED.size(), "n=1 must give one page per repository, got " + pages);
        assertEquals(whole, paged, "the paged catalog is the whole catalog (Distribution pages in sorted order)");
    }

    @Test
    void wholeCatalogIsSortedDistinctAndComplete() throws Exception {
        List<String> seen = new ArrayList<>();
        List<String> catalog = client.catalog(page -> seen.addAll(page.items()));

        assertTrue(catalog.containsAll(SEEDED), catalog.toString());
        assertEquals(new ArrayList<>(new TreeSet<>(catalog)), catalog, "sorted and without duplicates");
        assertEquals(Set.copyOf(seen), Set.copyOf(catalog), "the page callback saw every repository");
    }

    @Test
    void repositoryNamesWithSeveralSlashesStayLiteral() throws Exception {
        String repo = "gamma/one/two/three";
        assertTrue(client.catalog().contains(repo));
        assertEquals(List.of("1"), client.tags(repo));
        ManifestResponse manifest = client.manifest(repo, "1");
        assertEquals(Digest.parse(TestImages.ociImage(102, 200).digest()), manifest.digest());
        Image deep = seeder.pushImage("a/b/c/d/e", "deep", 160, 300);
        assertEquals(List.of("deep"), client.tags("a/b/c/d/e"));
        assertEquals(OptionalLong.of(300), client.blobExists("a/b/c/d/e", Digest.parse(deep.layerDigests().get(0))));
        assertEquals(OptionalLong.empty(), client.blobExists("a/b/c/d", Digest.parse(deep.layerDigests().get(0))),
                "a parent path is another repository");
    }

    @Test
    void tagsAreSortedWhateverOrderTheRegistryUses() throws Exception {
        Image image = TestImages.ociImage(170, 100);
        seeder.pushImage("sorting/app", "v2", image);
        List<String> pushed = List.of("v10", "latest", "1.0", "alpha", "Zeta", "v1", "0.9-rc");
        for (String tag : pushed) seeder.putManifest("sorting/app", tag, image.manifest());

        List<String> tags = client.tags("sorting/app");

        List<String> expected = new ArrayList<>(new TreeSet<>(pushed));
        expected.add("v2");
        expected = new ArrayList<>(new TreeSet<>(expected));
        assertEquals(expected, tags);
    }

    @Test
    void emptiedRepositoryHasNoTagsButStaysInTheCatalog() throws Exception {
        String repo = "emptied/app";
        Image first = seeder.pushImage(repo, "a", 180, 100);
        seeder.putManifest(repo, "b", first.manifest());
        Image second = seeder.pushImage(repo, "c", 181, 100);
        assertEquals(List.of("a", "b", "c"), client.tags(repo));

        for (String tag : List.of("a", "c")) {
            DeletableManifest target = client.manifest(repo, tag).deletable().orElseThrow();
            assertEquals(DeleteResult.Status.DELETED, client.delete(target).status());
        }
        assertNull(seeder.getManifest(repo, first.digest()));
        assertNull(seeder.getManifest(repo, second.digest()));

        // Distribution answers {"name": ..., "tags": null} here (T8).
        Page<String> page = client.tagsPage(repo, Optional.empty(), 100);
        assertEquals(List.of(), page.items());
        assertTrue(page.isLast());
        assertEquals(List.of(), client.tags(repo));
        assertTrue(client.catalog().contains(repo), "an emptied repository stays in the catalog until GC and beyond");
        assertFalse(client.catalog().isEmpty());
    }
}
