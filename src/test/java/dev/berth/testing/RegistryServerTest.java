package dev.berth.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain (no auth, no TLS) registry fixture against the real Distribution binary. */
class RegistryServerTest {

    private static final String ACCEPT = String.join(",", TestImages.OCI_INDEX, TestImages.OCI_MANIFEST,
            TestImages.DOCKER_LIST, TestImages.DOCKER_MANIFEST);

    @TempDir
    static Path work;
    static RegistryServer registry;
    static RegistrySeeder seeder;

    @BeforeAll
    static void start() {
        registry = RegistryServer.builder(work).start();
        seeder = RegistrySeeder.of(registry);
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void pingAnswers200() throws IOException {
        try (Response r = get("/v2/")) {
            assertEquals(200, r.code(), registry.logTail());
            assertEquals("registry/2.0", r.header("Docker-Distribution-API-Version"));
        }
        assertTrue(registry.hostPort().startsWith("127.0.0.1:"));
        assertEquals("http://" + registry.hostPort(), registry.baseUrl());
        assertTrue(Files.readString(registry.configFile()).contains(registry.hostPort()));
    }

    @Test
    void pushedOciImageComesBackByTagWithTheSameDigestAndBytes() throws IOException {
        Image image = seeder.pushImage("team/app", "1.0", 1, 2048, 4096);
        try (Response r = get("/v2/team/app/manifests/1.0")) {
            assertEquals(200, r.code());
            assertEquals(image.digest(), r.header("Docker-Content-Digest"));
            assertEquals(TestImages.OCI_MANIFEST, r.header("Content-Type"));
            assertArrayEquals(image.manifest().bytes(), r.body().bytes());
        }
        try (Response r = get("/v2/team/app/blobs/" + image.layerDigests().get(1))) {
            assertEquals(200, r.code());
            assertEquals(4096, r.body().bytes().length);
        }
    }

    @Test
    void dockerImagesListsIndexesAttestationsAndArtifactsAreAccepted() throws IOException {
        Image docker = seeder.pushImage("docker/img", "v2", TestImages.dockerImage(20, 100));
        assertArrayEquals(docker.manifest().bytes(), seeder.getManifest("docker/img", "v2"));

        Index list = seeder.pushIndex("docker/list", "latest", TestImages.dockerManifestList(List.of(
                TestImages.image().docker().seed(21).build(),
                TestImages.image().docker().seed(22).platform(TestImages.Platform.LINUX_ARM64).build())));
        try (Response r = get("/v2/docker/list/manifests/latest")) {
            assertEquals(list.digest(), r.header("Docker-Content-Digest"));
            assertEquals(TestImages.DOCKER_LIST, r.header("Content-Type"));
        }

        Index multi = seeder.pushIndex("oci/multi", "latest", TestImages.multiArch(30, 256, 512));
        try (Response r = get("/v2/oci/multi/manifests/latest")) {
            assertEquals(multi.digest(), r.header("Docker-Content-Digest"));
            assertEquals(TestImages.OCI_INDEX, r.header("Content-Type"));
        }
        assertArrayEquals(multi.children().get(2).manifest().bytes(),
                seeder.getManifest("oci/multi", multi.children().get(2).digest()));

        // Referrers: Distribution 2.8 stores artifacts with subject but has no referrers API (fallback tag).
        Image subject = seeder.pushImage("oci/signed", "1", 40, 64);
        Image sig = seeder.pushImage("oci/signed", null, TestImages.artifact(subject.manifest(),
                "application/vnd.dev.cosign.artifact.sig.v1+json", "application/vnd.dev.cosign.simplesigning.v1+json",
                200, 41));
        String tag = TestImages.referrersTag(subject.digest());
        seeder.tag("oci/signed", tag, TestImages.referrersIndex(List.of(sig)).bytes(), TestImages.OCI_INDEX);
        assertArrayEquals(sig.manifest().bytes(), seeder.getManifest("oci/signed", sig.digest()));
        try (Response r = get("/v2/oci/signed/referrers/" + subject.digest())) {
            assertEquals(404, r.code());
        }
    }

    @Test
    void restartKeepsPortAndContent(@TempDir Path own) throws IOException {
        try (RegistryServer server = RegistryServer.builder(own).start()) {
            Image image = RegistrySeeder.of(server).pushImage("keep/me", "t", 50, 100);
            String before = server.hostPort();
            server.stop();
            assertThrows(IOException.class, () -> server.client().newCall(
                    new Request.Builder().url(server.baseUrl() + "/v2/").build()).execute().close());
            server.start();
            assertEquals(before, server.hostPort());
            assertArrayEquals(image.manifest().bytes(), RegistrySeeder.of(server).getManifest("keep/me", "t"));
        }
    }

    @Test
    void garbageCollectRefusesARunningRegistry() {
        assertThrows(IllegalStateException.class, () -> registry.garbageCollect(false, true));
    }

    @Test
    void missingBinaryFailsWithInstallHint(@TempDir Path own) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RegistryServer.builder(own).binary(own.resolve("no-such-registry")).start());
        assertTrue(e.getMessage().contains("docker-registry"), e.getMessage());
        assertTrue(e.getMessage().contains("BERTH_REGISTRY_BIN"), e.getMessage());
    }

    @Test
    void startFailureReportsTheLogTail(@TempDir Path own) {
        // A storage driver that does not exist: the registry exits at once; the fixture must say why.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RegistryServer.builder(own).env("REGISTRY_STORAGE", "nosuchdriver").start());
        assertTrue(e.getMessage().contains("process exited"), e.getMessage());
        assertTrue(e.getMessage().contains("log tail"), e.getMessage());
    }

    private static Response get(String path) throws IOException {
        return registry.client().newCall(new Request.Builder().url(registry.baseUrl() + path)
                .header("Accept", ACCEPT).build()).execute();
    }
}
