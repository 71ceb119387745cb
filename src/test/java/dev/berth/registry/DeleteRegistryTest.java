package dev.berth.registry;

import dev.berth.work.Progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting manifests on a real Distribution 2.8 (traps T4, T6, T7) and getting the space back (T8). */
class DeleteRegistryTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static RegistrySeeder seeder;
    private static RegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(work).start();
        seeder = RegistrySeeder.of(registry);
        client = RealRegistry.plain(registry, Credentials.anonymous());
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void deleteByDigestRemovesEveryTagOnIt() throws Exception {
        String repo = "del/tags";
        Image target = seeder.pushImage(repo, "release", 500, 300);
        seeder.putManifest(repo, "stable", target.manifest());
        seeder.putManifest(repo, "v1.2.3", target.manifest());
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String tag = "other-" + i;
            seeder.pushImage(repo, tag, 510 + i % 3, 100); // three other digests, many tags
            others.add(tag);
        }

        List<String> pointing = client.tagsPointingAt(repo, Digest.parse(target.digest()));
        assertEquals(List.of("release", "stable", "v1.2.3"), pointing.stream().sorted().toList(), "all of them (T4)");

        ManifestResponse response = client.manifest(repo, "stable");
        DeletableManifest deletable = response.deletable().orElseThrow();
        assertEquals(Digest.parse(target.digest()), deletable.digest());
        assertEquals(repo, deletable.repository());
        DeleteResult result = client.delete(deletable);

        assertEquals(DeleteResult.Status.DELETED, result.status(), result.message());
        List<String> left = client.tags(repo);
        assertTrue(left.stream().noneMatch(List.of("release", "stable", "v1.2.3")::contains), left.toString());
        assertEquals(others.stream().sorted().toList(), left);
        assertNull(seeder.getManifest(repo, target.digest()));
        assertEquals(List.of(), client.tagsPointingAt(repo, Digest.parse(target.digest())));
        // Deleting again: already gone, said so rather than thrown.
        assertEquals(DeleteResult.Status.NOT_FOUND, client.delete(deletable).status());
    }

    @Test
    void deletingAChildOfAnIndexLeavesTheIndexPointingAtNothing() throws Exception {
        // T7: Distribution does not stop this; the index stays and still lists the child, whose GET now 404s.
        String repo = "del/multi";
        Index index = seeder.pushIndex(repo, "latest", TestImages.multiArch(520, 400));
        Image amd64 = index.child(TestImages.Platform.LINUX_AMD64);

        DeletableManifest child = client.manifest(repo, amd64.digest()).deletable().orElseThrow();
        assertEquals(DeleteResult.Status.DELETED, client.delete(child).status());

        ManifestResponse still = client.manifest(repo, "latest");
        assertEquals(Digest.parse(index.digest()), still.digest());
        ImageIndex parsed = (ImageIndex) still.manifest();
        assertTrue(parsed.manifests().stream().anyMatch(d -> d.digest().equals(Digest.parse(amd64.digest()))),
                "the index still names the deleted child");
        assertThrows(RegistryException.NotFound.class, () -> client.manifest(repo, amd64.digest()));
        Image arm64 = index.child(TestImages.Platform.LINUX_ARM64);
        assertEquals(Digest.parse(arm64.digest()), client.manifest(repo, arm64.digest()).digest(), "siblings are untouched");
    }

    @Test
    void layerAndConfigDigestsNeverBecomeDeletable() throws Exception {
        String repo = "del/safety";
        Image image = seeder.pushImage(repo, "1", 530, 200);
        ManifestResponse real = client.manifest(repo, "1");
        assertTrue(real.deletable().isPresent(), "a real manifest response is deletable");
        ImageManifest manifest = (ImageManifest) real.manifest();

        // Asked for as manifests, blob digests give no ManifestResponse, so no DeletableManifest (T6). (Distribution
        // 2.8 finds the blob, fails to read it as a manifest and answers 500 UNKNOWN.)
        for (Digest blob : List.of(manifest.config().digest(), manifest.layers().get(0).digest())) {
            RegistryException e = assertThrows(RegistryException.class, () -> client.manifest(repo, blob.toString()));
            assertTrue(e.status() == 404 || e.status() == 500, e.getMessage());
            assertFalse(e.getMessage().contains("({})"), "an empty detail is not worth showing: " + e.getMessage());
        }
        // Nothing public builds one from a digest.
        assertNoPublicConstructor(DeletableManifest.class);
        assertNoPublicConstructor(ManifestResponse.class);
        assertTrue(Arrays.stream(DeletableManifest.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()))
                .noneMatch(m -> m.getReturnType() == DeletableManifest.class), "no static factory");
        assertTrue(Arrays.stream(ManifestResponse.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()))
                .noneMatch(m -> m.getReturnType() == ManifestResponse.class), "no static factory");
        assertArrayEquals(image.manifest().bytes(), seeder.getManifest(repo, "1"));
    }

    @Test
    void whatT6WouldDoWithoutThatGuarantee() {
        // For the record: Distribution 2.8 accepts DELETE /manifests/<config digest> (202) — which is why the
        // client never sends a digest that did not come from a manifest response.
        String repo = "del/t6";
        Image image = seeder.pushImage(repo, "1", 540, 200);
        assertEquals(202, seeder.deleteManifest(repo, image.config().digest()));
        assertNotNull(seeder.getManifest(repo, "1"), "the manifest is still there, but its config is unlinked");
    }

    @Test
    void garbageCollectionGivesSpaceBackAfterDeletes(@TempDir Path own) throws Exception {
        try (RegistryServer gc = RegistryServer.builder(own).start()) {
            RegistrySeeder seed = RegistrySeeder.of(gc);
            RegistryClient c = RealRegistry.plain(gc, Credentials.anonymous());
            Image keep = seed.pushImage("gc/app", "keep", 550, 200_000);
            Image drop = seed.pushImage("gc/app", "drop", 551, 400_000, 300_000);
            seed.putManifest("gc/app", "drop-too", drop.manifest());
            Image gone = seed.pushImage("gc/emptied", "only", 552, 250_000);

            assertEquals(DeleteResult.Status.DELETED, c.delete(c.manifest("gc/app", "drop").deletable().orElseThrow()).status());
            assertEquals(DeleteResult.Status.DELETED, c.delete(c.manifest("gc/emptied", "only").deletable().orElseThrow()).status());
            long before = gc.storageBytes();

            gc.stop();
            String output = gc.garbageCollect(false, false);
            gc.start();

            long after = gc.storageBytes();
            assertTrue(before - after >= 950_000, "freed only " + (before - after) + " bytes\n" + output);
            assertThrows(RegistryException.NotFound.class, () -> c.manifest("gc/app", drop.digest()));
            assertEquals(OptionalLong.empty(), c.blobExists("gc/app", Digest.parse(drop.layerDigests().get(0))));
            assertEquals(List.of("keep"), c.tags("gc/app"));
            ManifestResponse kept = c.manifest("gc/app", "keep");
            assertEquals(Digest.parse(keep.digest()), kept.digest());
            Path file = own.resolve("kept-layer");
            c.downloadBlob("gc/app", RealRegistry.descriptor(keep.layers().get(0)), file, Progress.none());
            assertArrayEquals(keep.layers().get(0).bytes(), Files.readAllBytes(file));
            assertEquals(Digest.parse(keep.config().digest()),
                    c.config("gc/app", ((ImageManifest) kept.manifest()).config()).raw().sha256());
            // T8: the emptied repository is still listed, with no tags.
            assertTrue(c.catalog().contains("gc/emptied"));
            assertEquals(List.of(), c.tags("gc/emptied"));
            assertThrows(RegistryException.NotFound.class, () -> c.manifest("gc/emptied", gone.digest()));
        }
    }

    private static void assertNoPublicConstructor(Class<?> type) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            assertFalse(Modifier.isPublic(constructor.getModifiers()) || Modifier.isProtected(constructor.getModifiers()),
                    type.getSimpleName() + " has an accessible constructor: " + constructor);
        }
        assertFalse(type.isRecord() && Modifier.isPublic(type.getModifiers()),
                "a public record always has a public canonical constructor");
    }
}
