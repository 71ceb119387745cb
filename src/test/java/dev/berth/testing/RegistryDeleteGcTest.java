package dev.berth.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.TestImages.Image;
import java.io.IOException;
import java.nio.file.Path;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deletion and offline garbage collection on the real Distribution binary. */
class RegistryDeleteGcTest {

    @Test
    void deletesDisabledAnswer405Unsupported(@TempDir Path work) throws IOException {
        try (RegistryServer registry = RegistryServer.builder(work).deletesEnabled(false).start()) {
            Image image = RegistrySeeder.of(registry).pushImage("locked/app", "1", 80, 100);
            try (Response r = registry.client().newCall(new Request.Builder()
                    .url(registry.baseUrl() + "/v2/locked/app/manifests/" + image.digest()).delete().build()).execute()) {
                assertEquals(405, r.code());
                assertTrue(r.body().string().contains("UNSUPPORTED"));
            }
        }
    }

    @Test
    void garbageCollectAfterDeleteFreesBytes(@TempDir Path work) {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            Image keep = seeder.pushImage("gc/app", "keep", 90, 100_000);
            Image drop = seeder.pushImage("gc/app", "drop", 91, 300_000, 200_000);
            assertEquals(202, seeder.deleteManifest("gc/app", drop.digest()));
            assertNull(seeder.getManifest("gc/app", "drop"));
            long before = registry.storageBytes();

            registry.stop();
            String dry = registry.garbageCollect(false, true);
            assertTrue(dry.contains(drop.layerDigests().get(0)), dry);
            assertEquals(before, registry.storageBytes(), "dry run deletes nothing");

            String output = registry.garbageCollect(false, false);
            long after = registry.storageBytes();
            assertTrue(before - after >= 500_000, "freed " + (before - after) + " bytes\n" + output);

            registry.start();
            assertArrayEquals(keep.manifest().bytes(), seeder.getManifest("gc/app", "keep"));
            assertTrue(seeder.blobExists("gc/app", keep.layerDigests().get(0)));
            assertTrue(!seeder.blobExists("gc/app", drop.layerDigests().get(0)));
        }
    }

    @Test
    void deleteUntaggedRemovesChildrenOfTaggedIndexes(@TempDir Path work) {
        // Trap T7, kept as a fixture test so that a change of registry version is noticed.
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            TestImages.Index index = seeder.pushIndex("gc/multi", "latest", TestImages.multiArch(95, 1000));
            registry.stop();
            String output = registry.garbageCollect(true, false);
            registry.start();
            assertArrayEquals(index.manifest().bytes(), seeder.getManifest("gc/multi", "latest"));
            assertNull(seeder.getManifest("gc/multi", index.children().get(0).digest()), output);
        }
    }
}
