package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RepositoryName;
import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry adapter against a real Distribution registry. */
class RegistryStoreTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static RegistryClient client;
    private static Image image;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(work).start();
        image = TestImages.dockerImage(71, 3 * 1024 * 1024, 300);
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        seeder.pushImage("adapter/app", "1.0", image);
        seeder.putManifest("adapter/app", "stable", image.manifest());
        client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void readsTagsManifestsAndBlobsAsStored() throws Exception {
        RegistryStore store = new RegistryStore(client, "adapter/app");

        assertEquals(List.of("1.0", "stable"), store.tags());
        Descriptor top = store.resolve("1.0");
        assertEquals(Digest.parse(image.digest()), top.digest());
        assertEquals(MediaType.DOCKER_MANIFEST, top.mediaType());
        assertEquals(image.manifest().size(), top.size());
        assertArrayEquals(image.manifest().bytes(), store.manifest(top.digest()).raw().toByteArray());
        Descriptor layer = RealContent.descriptor(image.layers().get(1));
        assertEquals(layer.size(), store.blobSize(layer.digest()).getAsLong());
        try (InputStream in = store.openBlob(layer)) {
            assertArrayEquals(image.layers().get(1).bytes(), in.readAllBytes());
        }
        assertTrue(store.blobSize(Digest.sha256("absent".getBytes())).isEmpty());
        assertEquals("docker://" + registry.hostPort() + "/adapter/app", store.description());
    }

    @Test
    void aMissingTagIsTheRegistrysNotFound() {
        RegistryStore store = new RegistryStore(client, "adapter/app");
        assertThrows(RegistryException.NotFound.class, () -> store.resolve("nope"));
    }

    @Test
    void writesBlobsAndTagsAndMountsWithinTheRegistry() throws Exception {
        RegistryStore target = new RegistryStore(client, "adapter/written");
        Descriptor config = RealContent.descriptor(image.config());
        target.putBlob(config, () -> new ByteArrayInputStream(image.config().bytes()));
        for (TestImages.Content layer : image.layers()) {
            Descriptor d = RealContent.descriptor(layer);
            assertTrue(target.mountBlob(d.digest(), RepositoryName.of("adapter/app")), "mounted from the repository that has it");
        }
        var manifest = new RegistryStore(client, "adapter/app").manifest(Digest.parse(image.digest()));
        target.putImage(manifest, Optional.of("copied"));
        target.commit();

        assertEquals(Digest.parse(image.digest()), target.resolve("copied").digest());
    }

    @Test
    void aBlobThatIsNotWhatItClaimsIsRefusedByTheRegistry() {
        RegistryStore target = new RegistryStore(client, "adapter/refused");
        byte[] wrong = "not it".getBytes();
        Descriptor claimed = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256("other".getBytes()), wrong.length);
        assertThrows(RegistryException.class, () -> target.putBlob(claimed, () -> new ByteArrayInputStream(wrong)));
    }

    @Test
    void aCancelledClientStopsABlobMidStream() throws Exception {
        CancelSignal cancel = new CancelSignal();
        RegistryStore store = new RegistryStore(client.withCancel(cancel), "adapter/app");
        Descriptor big = RealContent.descriptor(image.layers().get(0));
        try (InputStream in = store.openBlob(big)) {
            in.readNBytes(64 * 1024);
            cancel.cancel();
            // A cancel is reported as one, not as a broken connection to resume.
            assertThrows(CancellationException.class, in::readAllBytes);
        }
    }
}
