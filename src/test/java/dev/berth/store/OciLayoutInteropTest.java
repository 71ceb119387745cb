package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCI layout directories and the registry adapter against the real tools: layouts Berth writes are
 * read by skopeo and umoci, layouts they write are read by Berth, and registry → layout → registry
 * keeps the manifest digest.
 */
class OciLayoutInteropTest {

    @TempDir
    static Path shared;

    private static RegistryServer registry;
    private static RegistryClient client;
    private static Image image;
    private static Index multiArch;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(shared).start();
        image = TestImages.ociImage(91, 2048, 512);
        multiArch = TestImages.multiArch(92, 700);
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        seeder.pushImage("store/app", "1.0", image);
        seeder.pushIndex("store/multi", "2.0", multiArch);
        client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    private static RegistryStore repo(String name) {
        return new RegistryStore(client, name);
    }

    @Test
    void aLayoutBerthWritesIsReadBySkopeoAndUmoci(@TempDir Path dir) throws Exception {
        Path layout = appLayout(dir);

        JsonNode inspect = new ObjectMapper().readTree(ExternalTool.run(dir, "skopeo", "inspect", "oci:" + layout + ":1.0"));
        assertEquals(image.digest(), inspect.path("Digest").asText());
        ExternalTool.run(dir, "skopeo", "--insecure-policy", "copy", "oci:" + layout + ":1.0", "dir:" + dir.resolve("copied"));
        assertArrayEquals(image.layers().get(0).bytes(), Files.readAllBytes(dir.resolve("copied").resolve(image.layers().get(0).digest().substring(7))));
        assertTrue(ExternalTool.run(dir, "umoci", "ls", "--layout", layout.toString()).lines().anyMatch("1.0"::equals));
    }

    @Test
    void severalTagsLiveInOneLayoutAndAnExistingLayoutIsOnlyAddedTo(@TempDir Path dir) throws Exception {
        Path layout = appLayout(dir);
        try (OciLayout to = OciLayout.open(layout)) {
            TestCopy.copy(repo("store/multi"), "2.0", to, Optional.of("2.0"));
        }
        try (OciLayout to = OciLayout.open(layout)) {
            TestCopy.copy(repo("store/app"), "1.0", to, Optional.of("latest"));
        }

        List<String> umoci = ExternalTool.run(dir, "umoci", "ls", "--layout", layout.toString()).lines().sorted().toList();
        assertEquals(List.of("1.0", "2.0", "latest"), umoci);
        try (OciLayout read = OciLayout.open(layout)) {
            assertEquals(List.of("1.0", "2.0", "latest"), read.tags());
            assertEquals(Digest.parse(multiArch.digest()), read.resolve("2.0").digest());
            assertEquals(MediaType.OCI_INDEX, read.resolve("2.0").mediaType());
        }
        JsonNode inspect = new ObjectMapper().readTree(ExternalTool.run(dir, "skopeo", "inspect", "--raw", "oci:" + layout + ":2.0"));
        assertEquals(multiArch.children().size(), inspect.path("manifests").size());
    }

    @Test
    void registryToLayoutToRegistryKeepsTheDigest(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("out");
        try (OciLayout to = OciLayout.open(layout)) {
            TestCopy.copy(repo("store/multi"), "2.0", to, Optional.of("2.0"));
        }
        Manifest pushed;
        try (OciLayout from = OciLayout.open(layout)) {
            pushed = TestCopy.copy(from, "2.0", repo("store/roundtrip"), Optional.of("back"));
        }

        assertEquals(Digest.parse(multiArch.digest()), pushed.digest());
        assertEquals(Digest.parse(multiArch.digest()), repo("store/roundtrip").resolve("back").digest());
        assertArrayEquals(multiArch.manifest().bytes(), repo("store/roundtrip").manifest(pushed.digest()).raw().toByteArray());
    }

    @Test
    void aLayoutSkopeoWroteFromARegistryIsReadByBerth(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("skopeo");
        ExternalTool.run(dir, "skopeo", "--insecure-policy", "copy", "--preserve-digests", "--src-tls-verify=false",
                "docker://" + registry.hostPort() + "/store/app:1.0", "oci:" + layout + ":v1");

        try (OciLayout from = OciLayout.open(layout)) {
            assertEquals(List.of("v1"), from.tags());
            Descriptor top = from.resolve("v1");
            assertEquals(Digest.parse(image.digest()), top.digest());
            ImageManifest manifest = (ImageManifest) from.manifest(top.digest());
            try (InputStream layer = from.openBlob(manifest.layers().get(0))) {
                assertArrayEquals(image.layers().get(0).bytes(), layer.readAllBytes());
            }
        }
    }

    @Test
    void aLayoutUmociMadeIsReadByBerth(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("umoci");
        ExternalTool.run(dir, "umoci", "init", "--layout", layout.toString());
        ExternalTool.run(dir, "umoci", "new", "--image", layout + ":fresh");

        try (OciLayout from = OciLayout.open(layout)) {
            assertEquals(List.of("fresh"), from.tags());
            ImageManifest manifest = (ImageManifest) from.manifest(from.resolve("fresh").digest());
            assertEquals(MediaType.OCI_CONFIG, manifest.config().mediaType());
            try (InputStream config = from.openBlob(manifest.config())) {
                assertTrue(new ObjectMapper().readTree(config.readAllBytes()).has("rootfs"));
            }
        }
    }

    @Test
    void aNewLayoutClosedWithoutCommitLeavesNothing(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("out");
        try (OciLayout to = OciLayout.open(layout)) {
            Descriptor config = RealContent.descriptor(image.config());
            to.putBlob(config, () -> new ByteArrayInputStream(image.config().bytes()));
            assertTrue(to.blobSize(config.digest()).isPresent(), "what was written can be read back before the commit");
        }

        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> !p.getFileName().toString().startsWith("tool-")).toList());
        }
    }

    @Test
    void aBlobThatDoesNotMatchItsDigestIsRefusedAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Path layout = appLayout(dir);
        byte[] wrong = "not the config".getBytes();
        Descriptor claimed = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256("something else".getBytes()), wrong.length);
        try (OciLayout to = OciLayout.open(layout)) {
            StoreException.Corrupt e = assertThrows(StoreException.Corrupt.class,
                    () -> to.putBlob(claimed, () -> new ByteArrayInputStream(wrong)));
            assertTrue(e.getMessage().contains(claimed.digest().toString()), e.getMessage());
            assertFalse(to.blobSize(claimed.digest()).isPresent());
        }
        try (var files = Files.list(layout.resolve("blobs/sha256"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no partial file is left");
        }
    }

    @Test
    void aCorruptBlobInALayoutFailsWhenRead(@TempDir Path dir) throws Exception {
        Path layout = appLayout(dir);
        Descriptor layer = RealContent.descriptor(image.layers().get(0));
        Path file = layout.resolve("blobs/sha256").resolve(layer.digest().hex());
        byte[] bytes = Files.readAllBytes(file);
        bytes[10] ^= 1;
        Files.write(file, bytes);

        try (OciLayout from = OciLayout.open(layout); InputStream in = from.openBlob(layer)) {
            StoreException.Corrupt e = assertThrows(StoreException.Corrupt.class, in::readAllBytes);
            assertTrue(e.getMessage().contains(layer.digest().toString()), e.getMessage());
        }
    }

    @Test
    void aMissingTagIsNamed(@TempDir Path dir) throws Exception {
        Path layout = appLayout(dir);
        try (OciLayout from = OciLayout.open(layout)) {
            StoreException.NotFound e = assertThrows(StoreException.NotFound.class, () -> from.resolve("2.0"));
            assertTrue(e.getMessage().contains("2.0"), e.getMessage());
        }
    }

    /** A new layout at {@code dir/out} holding store/app:1.0 as 1.0. */
    private static Path appLayout(Path dir) throws Exception {
        Path layout = dir.resolve("out");
        try (OciLayout to = OciLayout.open(layout)) {
            TestCopy.copy(repo("store/app"), "1.0", to, Optional.of("1.0"));
        }
        return layout;
    }
}
