package dev.berth.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import dev.berth.testing.TestImages.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void layersAreDeterministicAndExactlySized() {
        assertArrayEquals(TestImages.layer(7, 1000).bytes(), TestImages.layer(7, 1000).bytes());
        assertNotEquals(TestImages.layer(7, 1000).digest(), TestImages.layer(8, 1000).digest());
        assertEquals(1000, TestImages.layer(7, 1000).size());
        assertEquals(TestImages.sha256(TestImages.layer(7, 1000).bytes()), TestImages.layer(7, 1000).digest());
        assertTrue(TestImages.layer(7, 10).digest().matches("sha256:[0-9a-f]{64}"));
    }

    @Test
    void ociImageDescribesItsBlobs() throws Exception {
        Image image = TestImages.ociImage(3, 100, 200);
        assertEquals(image.digest(), TestImages.sha256(image.manifest().bytes()));
        JsonNode m = JSON.readTree(image.manifest().bytes());
        assertEquals(2, m.path("schemaVersion").asInt());
        assertEquals(TestImages.OCI_MANIFEST, m.path("mediaType").asText());
        assertEquals(image.config().digest(), m.path("config").path("digest").asText());
        assertEquals(image.config().size(), m.path("config").path("size").asLong());
        assertEquals(TestImages.OCI_LAYER, m.path("layers").get(1).path("mediaType").asText());
        assertEquals(200, m.path("layers").get(1).path("size").asLong());
        assertEquals(image.config().size() + 300, image.totalSize());

        JsonNode cfg = JSON.readTree(image.config().bytes());
        assertEquals("amd64", cfg.path("architecture").asText());
        assertEquals("linux", cfg.path("os").asText());
        assertEquals(TestImages.DEFAULT_CREATED.toString(), cfg.path("created").asText());
        assertEquals(2, cfg.path("rootfs").path("diff_ids").size());
        assertEquals(3, cfg.path("history").size()); // two layers + empty CMD step
        assertTrue(cfg.path("config").path("Labels").has("org.opencontainers.image.title"));
        // Same seed, same bytes: digests can be hard-coded in app tests if needed.
        assertEquals(image.digest(), TestImages.ociImage(3, 100, 200).digest());
    }

    @Test
    void dockerImageUsesDockerMediaTypes() throws Exception {
        Image image = TestImages.image().docker().seed(4).platform(Platform.LINUX_ARM64).layerSizes(50).build();
        JsonNode m = JSON.readTree(image.manifest().bytes());
        assertEquals(TestImages.DOCKER_MANIFEST, image.mediaType());
        assertEquals(TestImages.DOCKER_CONFIG, m.path("config").path("mediaType").asText());
        assertEquals(TestImages.DOCKER_LAYER, m.path("layers").get(0).path("mediaType").asText());
        assertEquals("v8", JSON.readTree(image.config().bytes()).path("variant").asText());
    }

    @Test
    void multiArchIndexListsPlatformsAndAttestations() throws Exception {
        Index index = TestImages.multiArch(10, 64);
        JsonNode m = JSON.readTree(index.manifest().bytes());
        assertEquals(TestImages.OCI_INDEX, m.path("mediaType").asText());
        assertEquals(4, m.path("manifests").size());
        JsonNode arm = m.path("manifests").get(1);
        assertEquals("arm64", arm.path("platform").path("architecture").asText());
        assertEquals("v8", arm.path("platform").path("variant").asText());
        JsonNode att = m.path("manifests").get(2);
        assertEquals("unknown", att.path("platform").path("os").asText());
        assertEquals("attestation-manifest", att.path("annotations").path(TestImages.REFERENCE_TYPE).asText());
        assertEquals(index.children().get(0).digest(), att.path("annotations").path(TestImages.REFERENCE_DIGEST).asText());
        assertEquals(TestImages.DEFAULT_CREATED.toString(), m.path("annotations").path(TestImages.CREATED_ANNOTATION).asText());
        assertEquals(index.digest(), TestImages.multiArch(10, 64).digest());

        Index list = TestImages.dockerManifestList(List.of(
                TestImages.image().docker().seed(1).build(),
                TestImages.image().docker().seed(2).platform(Platform.LINUX_ARM_V7).build()));
        JsonNode l = JSON.readTree(list.manifest().bytes());
        assertEquals(TestImages.DOCKER_LIST, l.path("mediaType").asText());
        assertEquals(TestImages.DOCKER_MANIFEST, l.path("manifests").get(0).path("mediaType").asText());
        assertFalse(l.has("annotations"));
    }

    @Test
    void artifactPointsAtItsSubject() throws Exception {
        Image image = TestImages.ociImage(5, 10);
        Image signature = TestImages.artifact(image.manifest(), "application/vnd.dev.cosign.artifact.sig.v1+json",
                "application/vnd.dev.cosign.simplesigning.v1+json", 128, 5);
        JsonNode m = JSON.readTree(signature.manifest().bytes());
        assertEquals(image.digest(), m.path("subject").path("digest").asText());
        assertEquals(TestImages.OCI_MANIFEST, m.path("subject").path("mediaType").asText());
        assertEquals(TestImages.OCI_EMPTY, m.path("config").path("mediaType").asText());
        assertEquals("{}", signature.config().text());
        JsonNode referrers = JSON.readTree(TestImages.referrersIndex(List.of(signature)).bytes());
        assertEquals("application/vnd.dev.cosign.artifact.sig.v1+json",
                referrers.path("manifests").get(0).path("artifactType").asText());
        assertEquals("sha256-" + image.digest().substring(7), TestImages.referrersTag(image.digest()));
    }
}
