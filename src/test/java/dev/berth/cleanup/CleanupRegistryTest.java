package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.RepositorySnapshot;
import dev.berth.domain.Digest;
import dev.berth.work.CancelSignal;
import dev.berth.registry.RegistryClient;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Content;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import dev.berth.work.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preview, apply, undo and garbage collection against a real Distribution 2.8 registry. */
class CleanupRegistryTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    static final CleanupPolicy POLICY = new CleanupPolicy(List.of(new PolicyScope("team/app", RetentionRules.keepLast(2).withProtect("latest")),
            new PolicyScope("team/multi", RetentionRules.keepLast(1))));

    @TempDir
    Path work;

    /** team/app: A (new) latest, stable, v1.4.0 · B v1.3.0 · C (old, shares A's base layer) v1.2.0, old-c · D, E (old, share base2). */
    record App(Image a, Image b, Image c, Image d, Image e) {}

    static App seedApp(RegistrySeeder seeder) {
        Content base = TestImages.layer(7001, 40_000);
        Content base2 = TestImages.layer(7002, 30_000);
        Image a = image(1, "2025-05-30T00:00:00Z", base, 5_000);
        Image b = image(2, "2025-05-01T00:00:00Z", TestImages.layer(7003, 6_000), 1_000);
        Image c = image(3, "2025-01-01T00:00:00Z", base, 7_000);
        Image d = image(4, "2024-06-01T00:00:00Z", base2, 8_000);
        Image e = image(5, "2024-05-01T00:00:00Z", base2, 9_000);
        seeder.pushImage("team/app", "v1.4.0", a);
        seeder.tag("team/app", "latest", a.manifest().bytes(), a.mediaType());
        seeder.tag("team/app", "stable", a.manifest().bytes(), a.mediaType());
        seeder.pushImage("team/app", "v1.3.0", b);
        seeder.pushImage("team/app", "v1.2.0", c);
        seeder.tag("team/app", "old-c", c.manifest().bytes(), c.mediaType());
        seeder.pushImage("team/app", "v1.1.0", d);
        seeder.pushImage("team/app", "v1.0.0", e);
        return new App(a, b, c, d, e);
    }

    static Image image(long seed, String created, Content base, int ownSize) {
        return TestImages.image().seed(seed).created(Instant.parse(created))
                .layers(List.of(base, TestImages.layer(seed * 100, ownSize))).build();
    }

    @Test
    void previewGroupsDigestsCountsSharedLayersOnceAndGarbageCollectionFreesAtLeastThat() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            App app = seedApp(seeder);
            Index oldMulti = seeder.pushIndex("team/multi", "v1", multiArch(40, "2024-01-01T00:00:00Z", 3_000, 11_000));
            Index newMulti = seeder.pushIndex("team/multi", "v2", multiArch(50, "2025-05-01T00:00:00Z", 3_000, 12_000));
            RegistryClient client = CleanupFixture.client(registry);

            List<RepositorySnapshot> snapshots = CleanupFixture.scan(client, "team/app", "team/multi");
            CleanupPlan plan = CleanupPlanner.plan(snapshots, POLICY, NOW);

            assertEquals(Set.of("v1.2.0", "old-c", "v1.1.0", "v1.0.0", "v1"), deletedTags(plan));
            assertEquals(Set.of("latest", "stable", "v1.4.0", "v1.3.0", "v2"), keptTags(plan));
            Set<String> deletedDigests = plan.deletions().stream().map(d -> d.digest().toString()).collect(Collectors.toSet());
            Set<String> expectedDigests = Stream.concat(Stream.of(app.c(), app.d(), app.e()).map(Image::digest),
                    Stream.concat(Stream.of(oldMulti.digest()), oldMulti.children().stream().map(Image::digest))).collect(Collectors.toSet());
            assertEquals(expectedDigests, deletedDigests, "old index with its platforms and attestations; C once for two tags");
            assertTrue(plan.deletions().stream().noneMatch(d -> newMulti.children().stream().anyMatch(c -> c.digest().equals(d.digest().toString()))));

            // base (shared with kept A) is not counted; base2 (shared by deleted D and E only) is counted once.
            long expected = ownBytes(app.c()) + ownBytes(app.d()) + ownBytes(app.e()) + 30_000 + oldMulti.distinctBlobSize();
            assertEquals(expected, plan.reclaimable().bytes());
            assertEquals(40_000, plan.reclaimable().keptSharedBytes());

            Path journalDir = work.resolve("journal");
            ApplyResult result = new CleanupExecutor(client, new Journal(journalDir), 4).apply(plan, Progress.none(), CancelSignal.none());
            assertTrue(result.complete(), result.toString());
            assertEquals(plan.deletions().size(), result.deleted());
            assertEquals(List.of("latest", "stable", "v1.3.0", "v1.4.0"), client.tags("team/app"));
            assertEquals(List.of("v2"), client.tags("team/multi"));
            for (Image child : newMulti.children()) assertNotNull(seeder.getManifest("team/multi", child.digest()), "kept index intact (T7)");
            assertEquals(Set.of(), deletedTags(CleanupPlanner.plan(CleanupFixture.scan(client, "team/app", "team/multi"),
                    POLICY, NOW)), "nothing left to do");

            long before = registry.storageBytes();
            registry.stop();
            String gc = registry.garbageCollect(false, false);
            long freed = before - registry.storageBytes();
            assertTrue(freed >= plan.reclaimable().bytes(), "GC freed " + freed + " bytes, preview promised at least "
                    + plan.reclaimable().bytes() + "\n" + gc);
            registry.start();
            assertArrayEquals(app.a().manifest().bytes(), seeder.getManifest("team/app", "latest"));
            assertTrue(seeder.blobExists("team/app", app.a().layerDigests().get(0)), "the shared base layer survived");

            // After GC, undo must say it can no longer work rather than fail halfway.
            JournalOperation op = new Journal(journalDir).find(result.journalId()).orElseThrow();
            RestoreResult undo = new JournalRestorer(client, new Journal(journalDir)).restore(op, Progress.none(), CancelSignal.none());
            assertFalse(undo.complete());
            RestoreOutcome c = undo.outcomes().stream().filter(o -> o.entry().digest().toString().equals(app.c().digest())).findFirst().orElseThrow();
            assertEquals(RestoreOutcome.Status.IMPOSSIBLE, c.status());
            assertTrue(c.message().contains("garbage collection"), c.message());
        }
    }

    @Test
    void undoPutsBackIdenticalBytesChildrenFirstAndEveryTag() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            App app = seedApp(seeder);
            Index multi = seeder.pushIndex("team/app", "multi-old", TestImages.multiArch(60, 2_000));
            Image signature = signed(seeder, "team/app", app.c(), 61);
            RegistryClient client = CleanupFixture.client(registry);
            Map<String, byte[]> before = Map.of("v1.2.0", app.c().manifest().bytes(), "old-c", app.c().manifest().bytes(),
                    "v1.1.0", app.d().manifest().bytes(), "v1.0.0", app.e().manifest().bytes(), "multi-old", multi.manifest().bytes());
            List<String> tagsBefore = client.tags("team/app");

            CleanupPlan plan = CleanupPlanner.plan(CleanupFixture.scan(client, "team/app").getFirst(),
                    RetentionRules.keepLast(2).withOrder(RetentionRules.Order.VERSION).withExclude("multi-.*"), NOW);
            assertEquals(Set.of("v1.2.0", "old-c", "v1.1.0", "v1.0.0", TestImages.referrersTag(app.c().digest())), deletedTags(plan));
            Journal journal = new Journal(work.resolve("journal"));
            ApplyResult applied = new CleanupExecutor(client, journal, 3).apply(plan, Progress.none(), CancelSignal.none());
            assertTrue(applied.complete(), applied.toString());
            assertNull(seeder.getManifest("team/app", signature.digest()), "the signature went with its subject");

            // Now delete the index by hand through the same journal path, then undo both operations.
            CleanupPlan multiPlan = CleanupPlanner.plan(CleanupFixture.scan(client, "team/app").getFirst(),
                    RetentionRules.keepLast(0).withInclude("multi-.*"), NOW);
            ApplyResult appliedMulti = new CleanupExecutor(client, journal, 2).apply(multiPlan, Progress.none(), CancelSignal.none());
            assertEquals(1 + multi.children().size(), appliedMulti.deleted());
            for (Image child : multi.children()) assertNull(seeder.getManifest("team/app", child.digest()));

            Path entry = Files.list(journal.directory().resolve(applied.journalId())).filter(p -> p.getFileName().toString().startsWith("entry-"))
                    .findFirst().orElseThrow();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.directory())));
            assertEquals(List.of(appliedMulti.journalId(), applied.journalId()), journal.list().stream().map(JournalOperation::id).toList());

            for (String id : List.of(appliedMulti.journalId(), applied.journalId())) {
                RestoreResult undo = new JournalRestorer(client, journal).restore(journal.find(id).orElseThrow(), Progress.none(),
                        CancelSignal.none());
                assertTrue(undo.complete(), undo.toString());
            }
            assertEquals(tagsBefore, client.tags("team/app"));
            before.forEach((tag, bytes) -> assertArrayEquals(bytes, seeder.getManifest("team/app", tag), tag + " byte-identical"));
            for (Image child : multi.children()) assertArrayEquals(child.manifest().bytes(), seeder.getManifest("team/app", child.digest()));
            assertArrayEquals(signature.manifest().bytes(), seeder.getManifest("team/app", signature.digest()));
            assertTrue(journal.find(applied.journalId()).orElseThrow().undone().isPresent());
        }
    }

    @Test
    void referrersProtectTheirSubjectOrGoWithIt() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            Image old = seeder.pushImage("team/signed", "v1", image(70, "2024-01-01T00:00:00Z", TestImages.layer(7070, 1000), 100));
            seeder.pushImage("team/signed", "v2", image(71, "2025-05-01T00:00:00Z", TestImages.layer(7071, 1000), 100));
            Image signature = signed(seeder, "team/signed", old, 72);
            RegistryClient client = CleanupFixture.client(registry);
            RepositorySnapshot snapshot = CleanupFixture.scan(client, "team/signed").getFirst();

            CleanupPlan protectedPlan = CleanupPlanner.plan(snapshot, RetentionRules.keepLast(1).withProtect("sha256-.*"), NOW);
            assertTrue(protectedPlan.isEmpty(), protectedPlan.deletions().toString());
            assertEquals(new Reason.SubjectOfKeptReferrer(Digest.parse(signature.digest())),
                    protectedPlan.tags().stream().filter(t -> t.tag().equals("v1")).findFirst().orElseThrow().reason());

            CleanupPlan plan = CleanupPlanner.plan(snapshot, RetentionRules.keepLast(1), NOW);
            List<String> order = plan.deletions().stream().map(d -> d.digest().toString()).toList();
            assertEquals(3, order.size(), "the subject, its signature and the referrers-tag index");
            assertTrue(order.indexOf(signature.digest()) < order.indexOf(old.digest()), "the signature goes before its subject");
            ApplyResult result = new CleanupExecutor(client, new Journal(work.resolve("j")), 2).apply(plan, Progress.none(), CancelSignal.none());
            assertTrue(result.complete(), result.toString());
            assertNull(seeder.getManifest("team/signed", signature.digest()), "no orphaned signature is left behind");
            assertEquals(List.of("v2"), client.tags("team/signed"));
        }
    }

    @Test
    void deletesDisabledStopTheRunExplainWhatToDoAndDeleteNothing() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).deletesEnabled(false).start()) {
            App app = seedApp(RegistrySeeder.of(registry));
            RegistryClient client = CleanupFixture.client(registry);
            CleanupPlan plan = CleanupPlanner.plan(CleanupFixture.scan(client, "team/app").getFirst(), RetentionRules.keepLast(1), NOW);
            Journal journal = new Journal(work.resolve("journal"));
            ApplyResult result = new CleanupExecutor(client, journal, 1).apply(plan, Progress.none(), CancelSignal.none());

            assertEquals(0, result.deleted());
            assertTrue(result.stopReason().orElseThrow().contains("REGISTRY_STORAGE_DELETE_ENABLED=true"), result.stopReason().toString());
            assertEquals(1, result.failed());
            assertEquals(plan.deletions().size() - 1, result.skipped());
            assertTrue(result.with(DeletionOutcome.Status.SKIPPED).stream().allMatch(o -> o.message().startsWith("not tried")));
            assertEquals(8, client.tags("team/app").size());
            JournalOperation op = journal.find(result.journalId()).orElseThrow();
            assertTrue(op.entries().stream().allMatch(e -> e.state() == JournalEntry.State.NOT_DELETED), op.entries().toString());
            assertNotNull(app);
        }
    }

    @Test
    void aRegistryThatDiesMidApplyLeavesAFaithfulJournalThatUndoesOnceItIsBack() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            App app = seedApp(seeder);
            RegistryClient client = CleanupFixture.client(registry);
            CleanupPlan plan = CleanupPlanner.plan(CleanupFixture.scan(client, "team/app").getFirst(), RetentionRules.keepLast(1), NOW);
            assertEquals(4, plan.deletions().size());
            Journal journal = new Journal(work.resolve("journal"));
            AtomicBoolean stopped = new AtomicBoolean();
            Progress<ApplyEvent> killAfterFirst = event -> {
                if (event instanceof ApplyEvent.Deleted d && d.done() == 1 && stopped.compareAndSet(false, true)) registry.stop();
            };
            ApplyResult result = new CleanupExecutor(client, journal, 1).apply(plan, killAfterFirst, CancelSignal.none());

            assertEquals(1, result.deleted(), result.toString());
            assertEquals(1, result.failed());
            assertEquals(2, result.skipped());
            assertTrue(result.stopReason().orElseThrow().contains("stopped answering"), result.stopReason().toString());
            Digest deleted = result.with(DeletionOutcome.Status.DELETED).getFirst().removal().digest();

            JournalOperation op = journal.find(result.journalId()).orElseThrow();
            assertEquals(1, op.deletedCount(), op.entries().toString());
            registry.start();
            int tagsGone = result.with(DeletionOutcome.Status.DELETED).getFirst().removal().tags().size();
            assertEquals(8 - tagsGone, client.tags("team/app").size());
            RestoreResult undo = new JournalRestorer(client, journal).restore(op, Progress.none(), CancelSignal.none());
            assertTrue(undo.complete(), undo.toString());
            assertEquals(8, client.tags("team/app").size());
            assertNotNull(seeder.getManifest("team/app", deleted.toString()));
            assertNotNull(app);
        }
    }

    @Test
    void aTagPushedAfterThePreviewKeepsItsDigestAndCancelStopsEverything() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            App app = seedApp(seeder);
            RegistryClient client = CleanupFixture.client(registry);
            CleanupPlan plan = CleanupPlanner.plan(CleanupFixture.scan(client, "team/app").getFirst(), RetentionRules.keepLast(2), NOW);
            Journal journal = new Journal(work.resolve("journal"));

            CancelSignal cancelled = new CancelSignal();
            cancelled.cancel();
            ApplyResult none = new CleanupExecutor(client, journal, 2).apply(plan, Progress.none(), cancelled);
            assertTrue(none.cancelled());
            assertEquals(plan.deletions().size(), none.skipped());
            assertEquals(8, client.tags("team/app").size());

            seeder.tag("team/app", "hotfix", app.c().manifest().bytes(), app.c().mediaType());
            ApplyResult result = new CleanupExecutor(client, journal, 2).apply(plan, Progress.none(), CancelSignal.none());
            DeletionOutcome c = result.outcomes().stream().filter(o -> o.removal().digest().toString().equals(app.c().digest()))
                    .findFirst().orElseThrow();
            assertEquals(DeletionOutcome.Status.SKIPPED, c.status());
            assertTrue(c.message().contains("hotfix"), c.message());
            assertEquals(2, result.deleted());
            assertTrue(client.tags("team/app").containsAll(List.of("hotfix", "v1.2.0", "old-c")));
        }
    }

    @Test
    void aUserWithoutDeletePermissionIsToldWhatToAskFor() throws Exception {
        try (dev.berth.testing.TokenIssuer issuer = dev.berth.testing.TokenIssuer.start(dev.berth.testing.TestPki.create("cleanup perm CA"))
                .addUser("reader", "r3ad").grant("reader", "team/*", "pull");
             RegistryServer registry = RegistryServer.builder(work).tokenAuth(issuer).start()) {
            seedApp(RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.bearer(issuer)));
            RegistryClient reader = new dev.berth.registry.RegistryClients().connect(dev.berth.registry.ConnectionSettings.of(registry.hostPort())
                    .withCredentials(dev.berth.registry.auth.Credentials.basic("reader", "r3ad")).withPlainHttp(true, false));
            CleanupPlan plan = CleanupPlanner.plan(CleanupFixture.scan(reader, "team/app").getFirst(), RetentionRules.keepLast(1), NOW);
            Journal journal = new Journal(work.resolve("journal"));
            ApplyResult result = new CleanupExecutor(reader, journal, 1).apply(plan, Progress.none(), CancelSignal.none());

            assertEquals(0, result.deleted());
            assertEquals(1, result.failed(), result.toString());
            String message = result.with(DeletionOutcome.Status.FAILED).getFirst().message();
            assertTrue(message.contains("Not allowed to delete in team/app") && message.contains("repository:team/app:delete"), message);
            assertTrue(result.with(DeletionOutcome.Status.SKIPPED).stream().allMatch(o -> o.message().contains("Not allowed")));
            assertEquals(8, reader.tags("team/app").size());
            assertTrue(journal.find(result.journalId()).orElseThrow().entries().stream()
                    .allMatch(e -> e.state() == JournalEntry.State.NOT_DELETED));
        }
    }

    /** Pushes a signature of {@code subject} by digest and lists it under the referrers fallback tag (Distribution 2.8 has no API). */
    static Image signed(RegistrySeeder seeder, String repository, Image subject, long seed) {
        Image signature = TestImages.artifact(subject.manifest(), "application/vnd.dev.cosign.artifact.sig.v1+json",
                "application/vnd.dev.cosign.simplesigning.v1+json", 300, seed);
        seeder.pushImage(repository, null, signature);
        seeder.putManifest(repository, TestImages.referrersTag(subject.digest()), TestImages.referrersIndex(List.of(signature)));
        return signature;
    }

    /** Like {@link TestImages#multiArch} (two platforms, two attestations) with its own created date. */
    static Index multiArch(long seed, String created, int... layerSizes) {
        Image amd64 = TestImages.image().seed(seed).layerSizes(layerSizes).platform(TestImages.Platform.LINUX_AMD64).build();
        Image arm64 = TestImages.image().seed(seed + 1).layerSizes(layerSizes).platform(TestImages.Platform.LINUX_ARM64).build();
        return TestImages.ociIndex(List.of(amd64, arm64, TestImages.attestation(amd64, seed), TestImages.attestation(arm64, seed + 1)),
                Map.of(TestImages.CREATED_ANNOTATION, created));
    }

    static long ownBytes(Image image) {
        return image.config().size() + image.layers().get(1).size();
    }

    static Set<String> deletedTags(CleanupPlan plan) {
        return plan.tags().stream().filter(TagDecision::deleted).map(TagDecision::tag).collect(Collectors.toSet());
    }

    static Set<String> keptTags(CleanupPlan plan) {
        return plan.tags().stream().filter(t -> !t.deleted()).map(TagDecision::tag).collect(Collectors.toSet());
    }
}
