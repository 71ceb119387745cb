package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth --version} names the pom's version, not "development", when run from classes as well as from the jar. */
class VersionOptionTest {

    @TempDir
    Path work;

    @Test
    void printsThePomVersion() {
        CliRun run = CliRun.in(work, "--version");
        assertEquals(0, run.code(), run.err());
        assertEquals("berth " + System.getProperty("berth.expectedVersion"), run.out().strip());
    }
}
