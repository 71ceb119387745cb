package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.DiskSummaryCache;
import dev.berth.browse.SummaryCacheWriter;
import dev.berth.connection.Connection;
import dev.berth.connection.ConnectionStore;
import dev.berth.connection.ConnectionStoreWriter;
import dev.berth.connection.MemorySecretStore;
import dev.berth.testing.ChildJvm;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, played by a file-size limit on a child JVM ({@code ulimit -f}; HotSpot ignores
 * SIGXFSZ, so the write fails with EFBIG): nothing saved before is lost or truncated, no temporary
 * file stays behind, the person is told what happened and what to do, and a deletion that cannot be
 * journaled is not made.
 */
class FullDiskTest {

    @TempDir
    Path work;

    @Test
    void connectionsJsonKeepsWhatWasSaved() throws Exception {
        Path file = work.resolve("config/berth/connections.json");
        ConnectionStore store = new ConnectionStore(file, new MemorySecretStore("test"), Clock.systemUTC());
        store.load();
        // Just under the 2 KiB limit, so the next connection crosses it.
        for (int i = 0; Files.notExists(file) || Files.size(file) < 1700; i++) {
            store.add(Connection.create("https://saved" + i + ".example/").withName("saved " + i));
        }
        Map<Path, byte[]> before = files(file.getParent());

        ChildJvm.Result full = ChildJvm.isolatedIn(work.resolve("home")).fileSizeLimit(2)
                .run(ConnectionStoreWriter.class, file.toString(), "big", "1", "190");
        assertEquals(3, full.code(), full.err());
        assertTold(full.err(), file.toString());
        assertSame(before, files(file.getParent()));
    }

    @Test
    void theSummaryCacheKeepsItsEntry() throws Exception {
        Path cacheDir = work.resolve("cache");
        new DiskSummaryCache(cacheDir).put("registry.example", SummaryCacheWriter.summary(2));
        Map<Path, byte[]> before = files(cacheDir);

        ChildJvm.Result full = ChildJvm.isolatedIn(work.resolve("home")).fileSizeLimit(1).run(SummaryCacheWriter.class, cacheDir.toString(), "80");
        assertEquals(0, full.code(), "a cache that cannot be written is no error for the scan: " + full.err());
        assertTold(full.err(), "summaries");
        assertSame(before, files(cacheDir));
        assertEquals(2, new DiskSummaryCache(cacheDir).get("registry.example", SummaryCacheWriter.summary(2).digest()).orElseThrow()
                .blobs().size(), "the old entry still reads");
    }

    @Test
    void aDeletionThatCannotBeJournaledIsNotMade() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            seeder.pushImage("team/app", "old", 1, 100);
            seeder.pushImage("team/app", "v1", 2, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109); // an entry of several KiB
            String host = registry.hostPort();
            Path journal = work.resolve("journal");
            assertEquals(0, berth("rm", host + "/team/app:old", "--yes", "--journal", journal.toString()).code());
            Map<Path, byte[]> before = files(journal);

            ChildJvm.Result full = ChildJvm.isolatedIn(work.resolve("home")).fileSizeLimit(1)
                    .run(BerthCli.class, "rm", host + "/team/app:v1", "--yes", "--journal", journal.toString());
            assertEquals(1, full.code(), full.out() + full.err());
            assertTold(full.out() + full.err(), journal.toString());
            assertEquals(List.of("v1"), berth("tags", host + "/team/app").out().lines().toList(), "not journaled, so not deleted");
            Map<Path, byte[]> after = files(journal);
            before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path + " changed"));
            assertTrue(after.keySet().stream().noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), after.keySet().toString());
        }
    }

    private static void assertTold(String err, String where) {
        assertTrue(err.contains("Could not write") && err.contains(where) && err.contains("file-size limit")
                && err.contains("unchanged") && err.contains("try again"), err);
    }

    private static void assertSame(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "a file appeared or vanished (a temporary file left behind?)");
        before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path + " changed"));
    }

    private static Map<Path, byte[]> files(Path dir) throws Exception {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".lock")).toList()) {
                files.put(p, Files.readAllBytes(p));
            }
        }
        return files;
    }


    private CliRun berth(String... args) {
        return CliRun.in(work, args);
    }
}
