package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path temp;

    @Test
    void writesTheDemoThatTagsCanRead() {
        Path demo = temp.resolve("demo");
        CliRun written = CliRun.in(temp, "demo", demo.toString());
        assertEquals(0, written.code(), written.err());
        assertTrue(written.out().contains("team/api"), written.out());

        CliRun tags = CliRun.in(temp, "tags", "oci:" + demo.resolve("team/web"));
        assertEquals(0, tags.code(), tags.err());
        assertTrue(tags.out().contains("main-4f2a9c1"), tags.out());
    }

    @Test
    void refusesANonEmptyFolderInWords() throws Exception {
        Files.writeString(Files.createDirectories(temp.resolve("taken")).resolve("file"), "x");
        CliRun refused = CliRun.in(temp, "demo", temp.resolve("taken").toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("is not empty") && refused.err().contains("Choose a folder"), refused.err());
    }
}
