package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on disk: what survives a crash, what a damaged file means, how operations are found. */
class JournalTest {

    static final RawBytes MANIFEST = RawBytes.utf8("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}");

    @Test
    void anEntryIsPendingUntilItsOutcomeIsRecordedAndALostOutcomeStaysPending(@TempDir Path dir) throws Exception {
        Journal journal = new Journal(dir);
        Journal.Writer writer = journal.begin(JournalOperation.Kind.CLEANUP, "docker.io", "registry-1.docker.io", "test",
                Instant.parse("2025-06-01T12:00:00Z"));
        JournalEntry first = writer.record("team/app", MANIFEST.sha256(), MediaType.OCI_MANIFEST, MANIFEST, List.of("a", "b"),
                ManifestDeletion.Role.TAGGED);
        JournalEntry second = writer.record("team/app", MANIFEST.sha256(), MediaType.OCI_MANIFEST, MANIFEST, List.of(),
                ManifestDeletion.Role.INDEX_CHILD);
        writer.settle(first, JournalEntry.State.DELETED, "deleted");
        writer.settle(second, JournalEntry.State.DELETED, "deleted");
        Files.writeString(dir.resolve(writer.id()).resolve("entry-00002.outcome.json"), ""); // a power cut after the rename

        JournalOperation op = journal.find(writer.id().substring(0, 16)).orElseThrow();
        assertEquals("docker.io", op.registry());
        assertEquals("registry-1.docker.io", op.apiHost());
        assertEquals(List.of(JournalEntry.State.DELETED, JournalEntry.State.PENDING), op.entries().stream().map(JournalEntry::state).toList());
        assertTrue(op.entries().get(1).mayNeedRestore(), "undo will ask the registry");
        assertArrayEquals(MANIFEST.toByteArray(), op.entries().getFirst().manifest().toByteArray());
        assertEquals(List.of("a", "b"), op.entries().getFirst().tags());
        assertTrue(writer.id().startsWith("20250601-120000-"), writer.id());
    }

    @Test
    void aDamagedOperationDoesNotHideTheOthers(@TempDir Path dir) throws Exception {
        Journal journal = new Journal(dir);
        String good = journal.begin(JournalOperation.Kind.RM, "r", "r", "good", Instant.parse("2025-06-01T12:00:00Z")).id();
        String bad = journal.begin(JournalOperation.Kind.RM, "r", "r", "bad", Instant.parse("2025-06-02T12:00:00Z")).id();
        Files.writeString(dir.resolve(bad).resolve("operation.json"), "{not json");
        assertEquals(List.of(good), journal.list().stream().map(JournalOperation::id).toList());
        assertEquals(List.of(bad), journal.listing().damaged().stream().map(DamagedOperation::id).toList());
        assertTrue(journal.find("../etc").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> journal.find("2025"), "ambiguous prefix");
    }

    @Test
    void theDefaultDirectoryFollowsXdg() {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "berth-test-home", "u");
        assertEquals(home.resolve(".local/share/berth/journal"), Journal.defaultDirectory(Map.of(), home));
        assertEquals(Path.of("/data/berth/journal"), Journal.defaultDirectory(Map.of("XDG_DATA_HOME", "/data"), home));
        assertEquals(home.resolve(".local/share/berth/journal"), Journal.defaultDirectory(Map.of("XDG_DATA_HOME", "relative"), home));
    }

    @Test
    void anEntryMustHoldTheBytesOfItsDigest() {
        assertThrows(IllegalArgumentException.class, () -> new JournalEntry(1, "r", RawBytes.utf8("other").sha256(), MediaType.OCI_MANIFEST,
                MANIFEST, List.of(), ManifestDeletion.Role.TAGGED, JournalEntry.State.PENDING, ""));
    }

    /** The app and the CLI starting operations in the same second with colliding ids: each gets a directory of its own. */
    @Test
    void concurrentOperationsNeverShareADirectory(@TempDir Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        // Few distinct suffixes and every id in one second: most attempts collide.
        java.util.function.Supplier<String> colliding = () -> String.format("%06x", n.getAndIncrement() / 3);
        Journal app = new Journal(dir, colliding);
        Journal cli = new Journal(dir, colliding);
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        List<java.util.concurrent.Callable<String>> starts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Journal journal = i % 2 == 0 ? app : cli;
            String description = "op " + i;
            starts.add(() -> {
                Journal.Writer writer = journal.begin(JournalOperation.Kind.RM, "r", "r", description, now);
                writer.record("team/app", MANIFEST.sha256(), MediaType.OCI_MANIFEST, MANIFEST, List.of(description), ManifestDeletion.Role.TAGGED);
                return writer.id();
            });
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (var f : pool.invokeAll(starts)) f.get();
        } finally {
            pool.shutdown();
        }
        List<JournalOperation> operations = app.list();
        assertEquals(40, operations.size());
        for (JournalOperation op : operations) {
            assertEquals(List.of(List.of(op.description())), op.entries().stream().map(JournalEntry::tags).toList(), op.id());
        }
        assertEquals(List.of(), app.listing().damaged());
    }
}
