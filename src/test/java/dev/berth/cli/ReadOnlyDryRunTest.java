package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.RegistryProxy;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run is read-only on the wire: a request-recording proxy in front of a real registry sees only GET and HEAD. */
class ReadOnlyDryRunTest {

    @TempDir
    Path work;

    @Test
    void cleanupWithoutApplyAndRmWithoutYesSendOnlyGetAndHead() {
        try (RegistryServer registry = RegistryServer.builder(work).start(); RegistryProxy proxy = RegistryProxy.recording(registry)) {
            seed(registry);
            int cleanup = berth("cleanup", proxy.hostPort() + "/team/app", "--keep-last", "1", "--plain-http");
            int namespace = berth("cleanup", proxy.hostPort() + "/team/", "--older-than", "1d", "--json", "--plain-http");
            int rm = berth("rm", proxy.hostPort() + "/team/app:old", "--plain-http");
            assertEquals(List.of(0, 0, 0), List.of(cleanup, namespace, rm));
            assertTrue(proxy.requests().size() > 5, proxy.requests().toString());
            assertEquals(List.of(), proxy.writes(), "only GET and HEAD on the wire");
        }
    }

    @Test
    void applyTriesDeletesOnlyOnWhatExistsNowhereBeforeItsRealDeletes() {
        try (RegistryServer registry = RegistryServer.builder(work).start(); RegistryProxy proxy = RegistryProxy.recording(registry)) {
            seed(registry);
            assertEquals(0, berth("cleanup", proxy.hostPort() + "/team/app", "--keep-last", "1", "--apply", "--journal",
                    work.resolve("journal").toString(), "--plain-http"));
            List<RegistryProxy.Seen> writes = proxy.writes();
            List<RegistryProxy.Seen> real = proxy.writesBesidesTheDeleteProbe();
            assertFalse(real.isEmpty());
            assertTrue(writes.indexOf(real.getFirst()) > 0, "the probe's deletes come first: " + writes);
        }
    }

    private static void seed(RegistryServer registry) {
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        seeder.pushImage("team/app", "old", TestImages.image().seed(41).layerSizes(300).created(Instant.parse("2024-01-01T00:00:00Z")).build());
        seeder.pushImage("team/app", "new", TestImages.image().seed(42).layerSizes(300).created(Instant.parse("2025-01-01T00:00:00Z")).build());
    }

    private int berth(String... args) {
        CliRun run = CliRun.in(work, args);
        if (run.code() != 0) System.err.println(run.out() + run.err());
        return run.code();
    }
}
