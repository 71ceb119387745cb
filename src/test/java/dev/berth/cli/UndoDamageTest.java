package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth undo} over a damaged journal: damage listed with its file, undo restores what can be read, exit 1 in words. */
class UndoDamageTest {

    @TempDir
    Path work;


    @Test
    void aDamagedEntryIsListedAndUndoRestoresTheReadableOnes() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            TestImages.Image first = seeder.pushImage("team/app", "v1", 1, 100);
            TestImages.Image second = seeder.pushImage("team/app", "v2", 2, 100);
            String host = registry.hostPort();
            Path journal = work.resolve("journal");
            assertEquals(0, berth("rm", host + "/team/app:v1", "--yes", "--journal", journal.toString()).code());
            assertEquals(0, berth("rm", host + "/team/app:v2", "--yes", "--journal", journal.toString()).code());
            List<Path> operations = List.of(operationOf(journal, first.digest()), operationOf(journal, second.digest()));
            Path v1Entry = operations.get(0).resolve("entry-00001.json");
            String v1Id = operations.get(0).getFileName().toString();
            // v1: the date is lost (bookkeeping only); v2: its operation.json is empty (the registry is unknown).
            Files.writeString(operations.get(0).resolve("operation.json"),
                    Files.readString(operations.get(0).resolve("operation.json")).replaceAll("\"started\":\"[^\"]*\"", "\"started\":\"when\""));
            Path v2Operation = operations.get(1).resolve("operation.json");
            Files.writeString(v2Operation, "");

            CliRun list = berth("undo", "--journal", journal.toString());
            assertEquals(0, list.code(), list.err());
            assertTrue(list.out().contains(v2Operation + ": the file is empty"), list.out());
            assertTrue(list.out().contains("start time 'when'"), list.out());
            assertEquals(2, list.out().lines().filter(l -> l.contains("DAMAGED")).count(), list.out());

            CliRun unreadable = berth("undo", operations.get(1).getFileName().toString(), "--journal", journal.toString());
            assertEquals(1, unreadable.code());
            assertTrue(unreadable.err().contains(v2Operation.toString()) && unreadable.err().contains("nothing was changed"), unreadable.err());
            assertFalse(unreadable.err().contains("Usage"), "a damaged journal is not a usage error: " + unreadable.err());
            assertEquals("", Files.readString(v2Operation), "the damaged file is left as it is");

            CliRun undo = berth("undo", v1Id, "--journal", journal.toString());
            assertEquals(0, undo.code(), undo.err());
            assertTrue(undo.err().contains("note: ") && undo.err().contains("start time 'when'"), undo.err());
            assertEquals(List.of("v1"), berth("tags", host + "/team/app").out().lines().toList());
            assertTrue(Files.exists(v1Entry));
        }
    }

    @Test
    void undoOfAnOperationWithADamagedEntryRestoresTheOthersAndSaysWhichFileIsLost() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            TestImages.Index index = seeder.pushIndex("team/multi", "v1", TestImages.multiArch(3, 100));
            String host = registry.hostPort();
            Path journal = work.resolve("journal");
            CliRun rm = berth("rm", host + "/team/multi:v1", "--yes", "--journal", journal.toString());
            assertEquals(0, rm.code(), rm.err());
            Path operation = operations(journal).getFirst();
            // Entry 1 is the first platform manifest deleted; lose its bytes.
            Path lost = operation.resolve("entry-00001.json");
            String damaged = Files.readString(lost).replaceAll("\"manifest\":\"[^\"]*\"", "\"manifest\":\"%%%\"");
            Files.writeString(lost, damaged);

            CliRun undo = berth("undo", operation.getFileName().toString(), "--journal", journal.toString());
            assertEquals(1, undo.code(), undo.out() + undo.err());
            assertTrue(undo.out().contains("not restored  " + lost + ": the saved manifest is not valid base64"), undo.out());
            assertTrue(undo.out().contains("restored"), undo.out());
            assertEquals(damaged, Files.readString(lost), "the damaged entry is never overwritten");
            assertFalse(Files.exists(operation.resolve("undone.json")), "a partial undo is not marked as done");
            assertTrue(index.manifest().digest().startsWith("sha256:"));
        }
    }

    @Test
    void aJournalPathThatIsAFileIsAnErrorThatSaysWhatToDo() throws Exception {
        Path file = work.resolve("journal");
        Files.writeString(file, "x");
        for (CliRun run : List.of(berth("undo", "--journal", file.toString()), berth("undo", "20250601", "--journal", file.toString()))) {
            assertEquals(1, run.code());
            assertTrue(run.err().contains(file + " is a file") && run.err().contains("Move it aside"), run.err());
            assertFalse(run.err().contains("Usage"), run.err());
        }
    }

    private static Path operationOf(Path journal, String digest) throws Exception {
        for (Path op : operations(journal)) {
            if (Files.readString(op.resolve("operation.json")).contains(digest)) return op;
        }
        throw new AssertionError("no operation for " + digest);
    }

    private static List<Path> operations(Path journal) throws Exception {
        try (Stream<Path> dirs = Files.list(journal)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private CliRun berth(String... args) {
        return CliRun.in(work, args);
    }
}
