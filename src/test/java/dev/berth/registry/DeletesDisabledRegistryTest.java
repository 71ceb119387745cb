package dev.berth.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.Capabilities.Ability;
import dev.berth.registry.Capabilities.TagDeletion;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages.Image;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Distribution 2.8 started with deletes disabled (its default): trap T9. */
class DeletesDisabledRegistryTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static RegistrySeeder seeder;
    private static RegistryClient client;
    private static Image image;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(work).deletesEnabled(false).start();
        seeder = RegistrySeeder.of(registry);
        image = seeder.pushImage("locked/app", "1", 600, 200);
        seeder.putManifest("locked/app", "2", image.manifest());
        client = RealRegistry.plain(registry, Credentials.anonymous());
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void probeSaysDeletesAreOff() throws Exception {
        Capabilities caps = client.probeIncludingDeletes(Optional.of("locked/app"));
        assertEquals(Ability.NO, caps.deletes(), caps.notes());
        assertEquals(TagDeletion.NOT_SUPPORTED, caps.tagDeletion());
        assertEquals(Ability.YES, caps.catalog());
    }

    @Test
    void deleteIsReportedAsDisabledWithTheSetting() throws Exception {
        DeletableManifest target = client.manifest("locked/app", "1").deletable().orElseThrow();

        DeleteResult result = client.delete(target);

        assertEquals(DeleteResult.Status.DISABLED, result.status());
        assertTrue(result.message().contains("REGISTRY_STORAGE_DELETE_ENABLED=true"), result.message());
        assertTrue(result.message().toLowerCase().contains("disabled"), result.message());
        assertArrayEquals(image.manifest().bytes(), seeder.getManifest("locked/app", "1"), "nothing was removed");
        assertEquals(List.of("1", "2"), client.tags("locked/app"));
    }
}
