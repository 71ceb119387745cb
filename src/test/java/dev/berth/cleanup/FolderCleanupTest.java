package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.demo.DemoFolders;
import dev.berth.demo.DemoImages;
import dev.berth.domain.ImageManifest;
import dev.berth.registry.Capabilities;
import dev.berth.registry.RegistryClient;
import dev.berth.work.CancelSignal;
import dev.berth.work.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cleanup of the demo folder: tags leave index.json, unused blobs leave the disk, and undo says what it can bring back. */
class FolderCleanupTest {

    @TempDir
    Path work;

    @Test
    void applyRemovesTagsFromIndexJsonMovesUnusedBlobsToTheTrashAndUndoBringsEveryImageBack() throws Exception {
        Path demo = work.resolve("demo");
        RegistryClient client = DemoFolders.written(demo);
        Capabilities capabilities = client.probeIncludingDeletes(Optional.of("team/api"));
        ImageManifest pr101 = (ImageManifest) client.manifest("team/api", "pr-101").manifest();
        ImageManifest kept = (ImageManifest) client.manifest("team/api", "1.2.0").manifest();
        List<String> tagsBefore = client.tags("team/api").stream().sorted().toList();

        CleanupPlan plan = plan(client, capabilities);
        assertEquals(4, plan.deletions().size(), "the four pull-request images");
        assertEquals(1, plan.untags().size(), "latest goes on its own: 1.2.0 keeps the image");
        long before = bytesUnder(demo.resolve("team/api/blobs"));

        Journal journal = new Journal(work.resolve("journal"));
        ApplyResult applied = new CleanupExecutor(client, journal, 4).apply(plan, Progress.none(), CancelSignal.none());

        assertTrue(applied.complete(), applied.toString());
        List<String> listed = refNames(demo.resolve("team/api/index.json"));
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0-rc1"), listed.stream().sorted().toList());
        long moved = before - bytesUnder(demo.resolve("team/api/blobs"));
        assertTrue(moved >= plan.reclaimable().bytes(), "moved " + moved + ", the preview promised at least " + plan.reclaimable().bytes());
        assertFalse(Files.exists(blob(demo, pr101.layers().getLast())), "a layer only pr-101 used left blobs/");
        assertTrue(Files.exists(trashed(demo, pr101.layers().getLast())), "into the folder's trash, where undo finds it");
        assertTrue(Files.exists(blob(demo, kept.layers().getFirst())), "the shared base layer stays");
        GarbageCollectionAdvice advice = GarbageCollectionAdvice.forHost(client.host());
        assertTrue(advice.collectsOnDelete());
        assertTrue(advice.text().contains("trash"), "the advice says where the space is until the trash is emptied: " + advice.text());

        RestoreResult undo = new JournalRestorer(client, journal).restore(journal.find(applied.journalId()).orElseThrow(),
                Progress.none(), CancelSignal.none());

        assertTrue(undo.complete(), "every image comes back from the trash: " + undo);
        assertEquals(tagsBefore, client.tags("team/api").stream().sorted().toList());
        assertEquals(pr101.digest(), client.headManifest("team/api", "pr-101").digest());
        assertTrue(Files.exists(blob(demo, pr101.layers().getLast())), "the layer is back in blobs/");
        assertEquals(client.headManifest("team/api", "1.2.0").digest(), client.headManifest("team/api", "latest").digest());
    }

    @Test
    void afterTheTrashIsEmptiedUndoReportsWhatCannotComeBack() throws Exception {
        Path demo = work.resolve("demo");
        RegistryClient client = DemoFolders.written(demo);
        Capabilities capabilities = client.probeIncludingDeletes(Optional.of("team/api"));
        ImageManifest pr101 = (ImageManifest) client.manifest("team/api", "pr-101").manifest();
        Journal journal = new Journal(work.resolve("journal"));
        ApplyResult applied = new CleanupExecutor(client, journal, 4).apply(plan(client, capabilities), Progress.none(), CancelSignal.none());

        long freed = new dev.berth.store.FolderRegistry(demo).emptyTrash();

        assertTrue(freed > 0, "the trash held the collected blobs");
        assertFalse(Files.exists(trashed(demo, pr101.layers().getLast())), "gone for good");
        RestoreResult undo = new JournalRestorer(client, journal).restore(journal.find(applied.journalId()).orElseThrow(),
                Progress.none(), CancelSignal.none());
        assertFalse(undo.complete(), "the collected images cannot come back");
        assertEquals(4, undo.with(RestoreOutcome.Status.IMPOSSIBLE).size(), undo.toString());
        for (RestoreOutcome impossible : undo.with(RestoreOutcome.Status.IMPOSSIBLE)) {
            String why = impossible.message();
            assertTrue(why.contains("trash was emptied") && why.contains("folder"), "the folder's own words: " + why);
            assertFalse(why.contains("garbage") || why.contains("registry"), "a folder has no registry garbage collection: " + why);
        }
        RestoreOutcome untagged = undo.outcomes().stream().filter(o -> o.entry().role() == ManifestDeletion.Role.TAG_ONLY).findFirst()
                .orElseThrow();
        assertEquals(List.of("latest"), untagged.tagsRestored(), "the image stayed; its tag is put back");
    }

    private static CleanupPlan plan(RegistryClient client, Capabilities capabilities) throws Exception {
        return CleanupPlanner.plan(CleanupFixture.scan(client, "team/api").getFirst(),
                RetentionRules.keepLast(0).withInclude("pr-.*|latest"), DemoImages.REFERENCE_DATE, Untagging.of(capabilities.tagDeletion()));
    }

    private static Path trashed(Path demo, dev.berth.domain.Descriptor blob) {
        return demo.resolve("team/api/.berth-trash").resolve(blob.digest().algorithm()).resolve(blob.digest().hex());
    }

    @Test
    void deletingAMultiArchIndexTakesItsPlatformsAndTheirLayers() throws Exception {
        Path demo = work.resolve("demo");
        RegistryClient client = DemoFolders.written(demo);
        CleanupPlan plan = CleanupPlanner.plan(CleanupFixture.scan(client, "library/alpine").getFirst(),
                RetentionRules.keepLast(0).withInclude("3\\.20|latest"), DemoImages.REFERENCE_DATE);
        assertEquals(3, plan.deletions().size(), "the index and its two platform manifests");

        ApplyResult applied = new CleanupExecutor(client, new Journal(work.resolve("journal")), 2).apply(plan, Progress.none(),
                CancelSignal.none());

        assertTrue(applied.complete(), applied.toString());
        assertEquals(List.of("3.18", "3.19"), client.tags("library/alpine"));
        try (Stream<Path> blobs = Files.list(demo.resolve("library/alpine/blobs/sha256"))) {
            assertEquals(2 * 3, blobs.count(), "two images left: a manifest, a config and a layer each");
        }
    }

    private static Path blob(Path demo, dev.berth.domain.Descriptor d) {
        return demo.resolve("team/api/blobs/sha256").resolve(d.digest().hex());
    }

    private static List<String> refNames(Path indexJson) throws Exception {
        List<String> names = new ArrayList<>();
        new ObjectMapper().readTree(indexJson.toFile()).path("manifests").forEach(entry -> {
            String name = entry.path("annotations").path("org.opencontainers.image.ref.name").asText("");
            if (!name.isEmpty()) names.add(name);
        });
        return names;
    }

    private static long bytesUnder(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
