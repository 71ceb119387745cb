package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cleanup.Journal;
import dev.berth.cleanup.JournalOperation;
import dev.berth.testing.Lies;
import dev.berth.testing.RegistryProxy;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth rm} and {@code berth cleanup --apply} against a real registry behind a proxy that
 * makes it contradict itself: nothing is deleted, nothing journaled, and the message says why.
 */
class ContradictingRegistryCliTest {

    @TempDir
    Path work;

    private RegistryServer registry;
    private Image old;
    private Image kept;

    /** team/app: old → an image from 2024, keep → one from 2025. */
    @BeforeEach
    void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        old = seeder.pushImage("team/app", "old", TestImages.image().seed(31).layerSizes(300).created(Instant.parse("2024-01-01T00:00:00Z"))
                .build());
        kept = seeder.pushImage("team/app", "keep", TestImages.image().seed(32).layerSizes(400).created(Instant.parse("2025-01-01T00:00:00Z"))
                .build());
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void rmRefusesWhenHeadAndGetNameDifferentDigests() throws Exception {
        try (RegistryProxy proxy = RegistryProxy.start(registry, Lies.headDigest("team/app", "old", kept.digest(), 0))) {
            CliRun run = berth("rm", proxy.hostPort() + "/team/app:old", "--yes", "--journal", journal().toString(), "--plain-http");
            assertEquals(1, run.code(), run.out());
            assertTrue(run.err().contains("two different answers for team/app:old (GET " + old.digest() + ", HEAD " + kept.digest() + ")"),
                    run.err());
            assertTrue(run.err().contains("Berth deletes nothing when a registry contradicts itself"), run.err());
            assertNothingDeletedOrJournaled(proxy);
        }
    }

    @Test
    void rmRefusesWhenTheTagListLeavesOutTheTagAskedFor() throws Exception {
        try (RegistryProxy proxy = RegistryProxy.start(registry, Lies.tagListWithout("team/app", "old", 0))) {
            CliRun run = berth("rm", proxy.hostPort() + "/team/app:old", "--yes", "--journal", journal().toString(), "--plain-http");
            assertEquals(1, run.code(), run.out());
            assertTrue(run.err().contains("tag list for team/app leaves out old"), run.err());
            assertNothingDeletedOrJournaled(proxy);
        }
    }

    @Test
    void rmDryRunSaysSoTooAndSendsOnlyReads() throws Exception {
        try (RegistryProxy proxy = RegistryProxy.start(registry, Lies.headDigest("team/app", "old", kept.digest(), 0))) {
            CliRun run = berth("rm", proxy.hostPort() + "/team/app:old", "--plain-http");
            assertEquals(1, run.code(), run.out());
            assertTrue(run.err().contains("two different answers"), run.err());
            assertEquals(List.of(), proxy.writes());
        }
    }

    /** HEAD says the tag keep is on the old image (GET knows better): the plan would delete it with the old one and journal it there. */
    @Test
    void cleanupApplyRefusesAnImageWhoseTagsTheRegistryContradictsItselfAbout() throws Exception {
        try (RegistryProxy proxy = RegistryProxy.start(registry, Lies.headDigest("team/app", "keep", old.digest(), 0))) {
            CliRun run = berth("cleanup", proxy.hostPort() + "/team/app", "--older-than", "30d", "--apply", "--journal", journal().toString(), "--plain-http");
            assertEquals(1, run.code(), run.out());
            assertTrue(run.out().contains("two different answers for team/app:keep (GET " + kept.digest() + ", HEAD " + old.digest() + ")"),
                    run.out());
            assertNothingDeletedOrJournaled(proxy);
        }
    }

    /** The scan saw the tag listed; at apply the list leaves it out, though it still resolves. */
    @Test
    void cleanupApplyRefusesWhenTheTagListStopsListingAPlannedTag() throws Exception {
        try (RegistryProxy proxy = RegistryProxy.start(registry, Lies.tagListWithout("team/app", "old", 1))) {
            CliRun run = berth("cleanup", proxy.hostPort() + "/team/app", "--keep-last", "1", "--apply", "--journal", journal().toString(), "--plain-http");
            assertEquals(1, run.code(), run.out());
            assertTrue(run.out().contains("tag list for team/app leaves out old"), run.out());
            assertNothingDeletedOrJournaled(proxy);
        }
    }

    @Test
    void cleanupApplyThroughAnHonestProxyDeletes() throws Exception {
        try (RegistryProxy proxy = RegistryProxy.recording(registry)) {
            CliRun run = berth("cleanup", proxy.hostPort() + "/team/app", "--keep-last", "1", "--apply", "--journal", journal().toString(), "--plain-http");
            assertEquals(0, run.code(), run.out() + run.err());
            assertTrue(proxy.writesBesidesTheDeleteProbe().stream().anyMatch(s -> s.target().endsWith("/manifests/" + old.digest())), proxy.requests().toString());
        }
    }

    private void assertNothingDeletedOrJournaled(RegistryProxy proxy) throws Exception {
        assertEquals(List.of(), proxy.writesBesidesTheDeleteProbe(), "no DELETE of anything that exists reached the registry");
        assertNotNull(RegistrySeeder.of(registry).getManifest("team/app", old.digest()));
        assertNotNull(RegistrySeeder.of(registry).getManifest("team/app", kept.digest()));
        List<JournalOperation> operations = new Journal(journal()).list();
        assertEquals(List.of(), operations.stream().flatMap(o -> o.entries().stream()).toList(), "nothing journaled");
    }

    private Path journal() {
        return work.resolve("journal");
    }

    private CliRun berth(String... args) {
        return CliRun.in(work, args);
    }
}
