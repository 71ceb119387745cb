package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI writes a log only when asked with {@code --verbose}: scripts run it often and in parallel, and its
 * errors already go to stderr. The log goes where the app's does, as {@code berth-cli.log}.
 */
class VerboseLogTest {

    @TempDir
    Path work;

    @Test
    void verboseLogsTheRequestsToThePlatformLogDirectory() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work.resolve("registry")).start()) {
            RegistrySeeder.of(registry).pushImage("team/app", "v1", 1, 100);
            Path logs = work.resolve("home/.local/state/berth/logs");

            CliRun quiet = CliRun.in(work, "tags", registry.hostPort() + "/team/app");
            assertEquals(0, quiet.code(), quiet.err());
            assertFalse(Files.exists(logs), "a run without --verbose wrote a log");

            CliRun verbose = CliRun.in(work, "tags", registry.hostPort() + "/team/app", "--verbose");
            assertEquals(0, verbose.code(), verbose.err());
            assertEquals("v1", verbose.out().strip(), "--verbose changes what goes to stdout");
            String log = Files.readString(logs.resolve("berth-cli.log"));
            assertTrue(log.contains("/v2/team/app/tags/list -> 200"), log);
            assertTrue(verbose.err().contains(logs.resolve("berth-cli.log").toString()), "stderr does not say where the log is: " + verbose.err());
        }
    }
}
