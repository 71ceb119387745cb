package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.RepositorySnapshot;
import dev.berth.work.CancelSignal;
import dev.berth.registry.Capabilities;
import dev.berth.registry.Capabilities.TagDeletion;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.registry.TagDeletionCheck;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TagDeletingProxy;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import dev.berth.work.Progress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Untagging (trap T5): Distribution 2.8 refuses it, and the check says so; behind a proxy that
 * deletes tags the way Distribution 3 does (or the way ACR does), the check tells them apart, a
 * cleanup untags, undo puts the tag back, and a registry that takes more than the tag is caught.
 */
class UntagRegistryTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    /** Keep the newest image; protect "stable". */
    static final RetentionRules RULES = RetentionRules.keepLast(1).withProtect("stable");

    @TempDir
    Path work;

    /** team/app: A (new) latest, v3 · B v2, stable · C (old) v1. */
    record App(Image a, Image b, Image c) {}

    static App seed(RegistrySeeder seeder) {
        Image a = seeder.pushImage("team/app", "v3", image(1, "2025-05-30T00:00:00Z"));
        seeder.tag("team/app", "latest", a.manifest().bytes(), a.mediaType());
        Image b = seeder.pushImage("team/app", "v2", image(2, "2025-03-01T00:00:00Z"));
        seeder.tag("team/app", "stable", b.manifest().bytes(), b.mediaType());
        Image c = seeder.pushImage("team/app", "v1", image(3, "2024-01-01T00:00:00Z"));
        return new App(a, b, c);
    }

    static Image image(long seed, String created) {
        return TestImages.image().seed(seed).layerSizes(2_000 + (int) seed).created(Instant.parse(created)).build();
    }

    static RegistryClient client(String hostPort) throws RegistryException {
        return new RegistryClients().connect(ConnectionSettings.of(hostPort).withPlainHttp(true, false));
    }

    @Test
    void distributionTwoRefusesATagDeleteAndTheCheckSaysSoLeavingNothingBehind() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            seed(RegistrySeeder.of(registry));
            RegistryClient client = client(registry.hostPort());
            assertEquals(TagDeletion.NOT_SUPPORTED, client.probeIncludingDeletes(Optional.of("team/app")).tagDeletion());

            RegistryException.Unsupported refused = assertThrows(RegistryException.Unsupported.class, () -> client.untag("team/app", "v2"));
            assertTrue(refused.getMessage().contains("only deleting by digest works"), refused.getMessage());

            TagDeletionCheck.Result checked = client.checkTagDeletion("team/app");
            assertEquals(TagDeletion.NOT_SUPPORTED, checked.effect());
            assertEquals(List.of("latest", "stable", "v1", "v2", "v3"), client.tags("team/app").stream().sorted().toList(),
                    "the test artifact's tags are gone");
        }
    }

    @Test
    void theCheckTellsARegistryThatRemovesOnlyTheTagFromOneThatRemovesTheImage() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            seed(RegistrySeeder.of(registry));
            for (TagDeletingProxy.Behaviour behaviour : TagDeletingProxy.Behaviour.values()) {
                try (TagDeletingProxy proxy = TagDeletingProxy.start(registry, behaviour)) {
                    RegistryClient client = client(proxy.hostPort());
                    assertEquals(TagDeletion.ACCEPTED_EFFECT_UNKNOWN, client.probeIncludingDeletes(Optional.of("team/app")).tagDeletion(),
                            "a probe that deletes nothing cannot tell");
                    TagDeletionCheck.Result checked = client.checkTagDeletion("team/app");
                    assertEquals(behaviour == TagDeletingProxy.Behaviour.REMOVES_TAG_ONLY ? TagDeletion.REMOVES_TAG_ONLY
                            : TagDeletion.REMOVES_MANIFEST, checked.effect(), checked.explanation());
                    assertEquals(List.of("latest", "stable", "v1", "v2", "v3"), client.tags("team/app").stream().sorted().toList(),
                            behaviour + ": nothing of the check is left");
                    assertEquals(1, proxy.tagDeletes().stream().filter(t -> !t.endsWith("nonexistent")).count(), proxy.tagDeletes().toString());
                }
            }
        }
    }

    @Test
    void aProbeKeepsWhatTheCheckLearned() {
        Capabilities probed = new Capabilities(Capabilities.AuthScheme.NONE, Capabilities.Ability.YES, Capabilities.Ability.YES,
                TagDeletion.ACCEPTED_EFFECT_UNKNOWN, Capabilities.Ability.NO, Optional.of("team/app"), "");
        assertEquals(TagDeletion.REMOVES_TAG_ONLY,
                probed.keepingEarlierFindings(probed.withTagDeletion(TagDeletion.REMOVES_TAG_ONLY)).tagDeletion());
        assertEquals(TagDeletion.REMOVES_MANIFEST,
                probed.keepingEarlierFindings(probed.withTagDeletion(TagDeletion.REMOVES_MANIFEST)).tagDeletion());
        Capabilities refusedNow = probed.withTagDeletion(TagDeletion.NOT_SUPPORTED);
        assertEquals(TagDeletion.NOT_SUPPORTED, refusedNow.keepingEarlierFindings(probed.withTagDeletion(TagDeletion.REMOVES_TAG_ONLY))
                .tagDeletion(), "what the registry answers now wins over an old check");
        Capabilities readOnly = new Capabilities(Capabilities.AuthScheme.NONE, Capabilities.Ability.YES, Capabilities.Ability.UNKNOWN,
                TagDeletion.UNKNOWN, Capabilities.Ability.NO, Optional.of("team/app"), "");
        Capabilities kept = readOnly.keepingEarlierFindings(probed.withTagDeletion(TagDeletion.REMOVES_TAG_ONLY));
        assertEquals(Capabilities.Ability.YES, kept.deletes(), "a probe that did not try deletes keeps what one that did found");
        assertEquals(TagDeletion.REMOVES_TAG_ONLY, kept.tagDeletion());
    }

    @Test
    void aCleanupUntagsATagWhoseImageStaysAndUndoPutsItBack() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start();
             TagDeletingProxy proxy = TagDeletingProxy.start(registry, TagDeletingProxy.Behaviour.REMOVES_TAG_ONLY)) {
            App app = seed(RegistrySeeder.of(registry));
            RegistryClient client = client(proxy.hostPort());
            RepositorySnapshot snapshot = CleanupFixture.scan(client, "team/app").getFirst();
            CleanupPlan plan = CleanupPlanner.plan(snapshot, RULES, NOW, Untagging.AVAILABLE);
            assertEquals(List.of("v2"), plan.untags().stream().map(TagRemoval::tag).toList());
            assertEquals(List.of(app.c().digest()), plan.deletions().stream().map(d -> d.digest().toString()).toList());

            Journal journal = new Journal(work.resolve("journal"));
            ApplyResult result = new CleanupExecutor(client, journal, 2).apply(plan, Progress.none(), CancelSignal.none());
            assertTrue(result.complete(), result.toString());
            assertEquals(1, result.untagged());
            assertEquals(1, result.deleted());
            assertEquals(List.of("team/app:v2"), proxy.tagDeletes());
            assertEquals(List.of("latest", "stable", "v3"), client.tags("team/app").stream().sorted().toList());
            assertEquals(app.b().digest(), client.headManifest("team/app", "stable").digest().toString(), "the image stays under stable");

            JournalOperation operation = journal.find(result.journalId()).orElseThrow();
            JournalEntry untagEntry = operation.entries().stream().filter(e -> e.role() == ManifestDeletion.Role.TAG_ONLY).findFirst().orElseThrow();
            assertEquals(List.of("v2", "stable"), untagEntry.tags());
            assertEquals(JournalEntry.State.DELETED, untagEntry.state());

            RestoreResult restored = new JournalRestorer(client, journal).restore(operation, Progress.none(), CancelSignal.none());
            assertTrue(restored.complete(), restored.toString());
            assertEquals(List.of("latest", "stable", "v1", "v2", "v3"), client.tags("team/app").stream().sorted().toList());
            assertEquals(app.b().digest(), client.headManifest("team/app", "v2").digest().toString());
            assertArrayEquals(app.c().manifest().bytes(), client.manifest("team/app", "v1").manifest().raw().toByteArray());
        }
    }

    @Test
    void aRegistryThatTakesTheWholeImageWithATagIsCaughtTheImageComesBackAndTheRunStops() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start();
             TagDeletingProxy proxy = TagDeletingProxy.start(registry, TagDeletingProxy.Behaviour.REMOVES_MANIFEST)) {
            App app = seed(RegistrySeeder.of(registry));
            RegistryClient client = client(proxy.hostPort());
            // As if the connection had been told, wrongly, that this registry untags.
            CleanupPlan plan = CleanupPlanner.plan(CleanupFixture.scan(client, "team/app").getFirst(), RULES, NOW, Untagging.AVAILABLE);

            ApplyResult result = new CleanupExecutor(client, new Journal(work.resolve("journal")), 2)
                    .apply(plan, Progress.none(), CancelSignal.none());
            String stop = result.stopReason().orElseThrow();
            assertTrue(stop.contains("took the whole image") && stop.contains("stable"), stop);
            assertEquals(app.b().digest(), client.headManifest("team/app", "stable").digest().toString(), "put back under its other tag");
            assertEquals(1, result.skipped(), "the delete of v1 was not tried");
            assertEquals(app.c().digest(), client.headManifest("team/app", "v1").digest().toString());
        }
    }

    @Test
    void aTagPushedAgainSinceThePreviewIsNotUntagged() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start();
             TagDeletingProxy proxy = TagDeletingProxy.start(registry, TagDeletingProxy.Behaviour.REMOVES_TAG_ONLY)) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            App app = seed(seeder);
            RegistryClient client = client(proxy.hostPort());
            CleanupPlan plan = CleanupPlanner.plan(CleanupFixture.scan(client, "team/app").getFirst(), RULES, NOW, Untagging.AVAILABLE);
            seeder.tag("team/app", "v2", app.a().manifest().bytes(), app.a().mediaType());

            ApplyResult result = new CleanupExecutor(client, new Journal(work.resolve("journal")), 1)
                    .apply(plan, Progress.none(), CancelSignal.none());
            DeletionOutcome v2 = result.outcomes().stream().filter(DeletionOutcome::isUntag).findFirst().orElseThrow();
            assertEquals(DeletionOutcome.Status.SKIPPED, v2.status());
            assertTrue(v2.message().contains("pushed since the preview"), v2.message());
            assertFalse(proxy.tagDeletes().contains("team/app:v2"));
            assertEquals(app.a().digest(), client.headManifest("team/app", "v2").digest().toString());
        }
    }
}
