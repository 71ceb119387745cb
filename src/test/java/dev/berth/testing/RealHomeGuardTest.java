package dev.berth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard notices a file created, changed or deleted under a watched directory, and watches the real home's. */
class RealHomeGuardTest {

    @TempDir
    Path dir;

    @Test
    void aWriteUnderAWatchedDirectoryIsNoticed() throws Exception {
        Path berth = dir.resolve("berth");
        Files.createDirectories(berth);
        Files.writeString(berth.resolve("kept"), "a");
        Files.writeString(berth.resolve("gone"), "b");
        Map<Path, String> before = RealHomeGuard.snapshot(Set.of(berth));
        assertEquals(List.of(), RealHomeGuard.changes(before, RealHomeGuard.snapshot(Set.of(berth))));

        Files.writeString(berth.resolve("kept"), "longer");
        Files.delete(berth.resolve("gone"));
        Files.createDirectories(berth.resolve("journal/20260101-000000-abcdef"));
        List<String> changes = RealHomeGuard.changes(before, RealHomeGuard.snapshot(Set.of(berth)));
        assertTrue(changes.contains(berth.resolve("kept") + " (changed)"), changes.toString());
        assertTrue(changes.contains(berth.resolve("gone") + " (deleted)"), changes.toString());
        assertTrue(changes.contains(berth.resolve("journal/20260101-000000-abcdef") + " (created)"), changes.toString());
    }

    @Test
    void theRealHomesBerthDirectoriesAreWatched() {
        Path home = Path.of(System.getProperty("user.home"));
        Set<Path> watched = RealHomeGuard.watched();
        for (String d : List.of(".config/berth", ".cache/berth", ".local/share/berth", ".local/state/berth")) {
            assertTrue(watched.contains(home.resolve(d)), d + " not watched: " + watched);
        }
    }
}
