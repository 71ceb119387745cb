package dev.berth.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests, configs and referrers read by the client from a real Distribution 2.8 (T1, T2, T14). */
class ManifestRegistryTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static RegistrySeeder seeder;
    private static RegistryClient client;

    private static Image oci;
    private static Image docker;
    private static Index ociIndex;
    private static Index dockerList;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(work).start();
        seeder = RegistrySeeder.of(registry);
        oci = seeder.pushImage("images/oci", "1.0", TestImages.image().seed(200).layerSizes(300, 500)
                .created(Instant.parse("2023-05-06T07:08:09Z")).label("team", "berth").build());
        docker = seeder.pushImage("images/docker", "1.0", TestImages.dockerImage(201, 400));
        ociIndex = seeder.pushIndex("images/multi", "latest", TestImages.multiArch(202, 600));
        Image amd64 = TestImages.image().docker().seed(210).layerSizes(200).platform(TestImages.Platform.LINUX_AMD64).build();
        Image arm = TestImages.image().docker().seed(211).layerSizes(200).platform(TestImages.Platform.LINUX_ARM_V7).build();
        dockerList = seeder.pushIndex("images/list", "latest", TestImages.dockerManifestList(List.of(amd64, arm)));
        client = RealRegistry.plain(registry, Credentials.anonymous());
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void ociImageByTagAndByDigest() throws Exception {
        Digest digest = Digest.parse(oci.digest());
        for (String reference : List.of("1.0", oci.digest())) {
            ManifestResponse response = client.manifest("images/oci", reference);
            assertEquals(digest, response.digest(), reference);
            assertEquals(Digest.sha256(oci.manifest().bytes()), response.digest());
            assertEquals(MediaType.OCI_MANIFEST, response.contentType());
            assertArrayEquals(oci.manifest().bytes(), response.manifest().raw().toByteArray(), "the exact bytes (T14)");
            ImageManifest manifest = assertInstanceOf(ImageManifest.class, response.manifest());
            assertEquals(Digest.parse(oci.config().digest()), manifest.config().digest());
            assertEquals(oci.layerDigests(), manifest.layers().stream().map(d -> d.digest().toString()).toList());
            assertEquals(oci.totalSize(), manifest.size());
            assertEquals(digest, response.deletable().orElseThrow().digest());
        }
    }

    @Test
    void dockerV2ImageByTagAndByDigest() throws Exception {
        for (String reference : List.of("1.0", docker.digest())) {
            ManifestResponse response = client.manifest("images/docker", reference);
            assertEquals(Digest.parse(docker.digest()), response.digest(), reference);
            assertEquals(MediaType.DOCKER_MANIFEST, response.contentType(), "not converted to schema1 (T1)");
            assertArrayEquals(docker.manifest().bytes(), response.manifest().raw().toByteArray());
            ImageManifest manifest = assertInstanceOf(ImageManifest.class, response.manifest());
            assertEquals(MediaType.DOCKER_CONFIG, manifest.config().mediaType());
            assertTrue(response.deletable().isPresent());
        }
    }

    @Test
    void ociIndexIsTheIndexNotTheAmd64Child() throws Exception {
        Digest amd64 = Digest.parse(ociIndex.child(TestImages.Platform.LINUX_AMD64).digest());
        for (String reference : List.of("latest", ociIndex.digest())) {
            ManifestResponse response = client.manifest("images/multi", reference);
            assertEquals(Digest.parse(ociIndex.digest()), response.digest(), reference);
            assertNotEquals(amd64, response.digest(), "the amd64 child's digest must never stand for the index (T1)");
            assertEquals(MediaType.OCI_INDEX, response.contentType());
            ImageIndex index = assertInstanceOf(ImageIndex.class, response.manifest());
            assertEquals(4, index.manifests().size());
            assertEquals(List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm64", "v8")),
                    index.platformManifests().stream().map(d -> d.platform().orElseThrow()).toList());
            assertEquals(2, index.attestations().size());
            assertEquals("2024-03-01T12:00:00Z", index.annotations().get(ImageIndex.CREATED_ANNOTATION));
            assertEquals(Digest.parse(ociIndex.digest()), response.deletable().orElseThrow().digest());
        }
        // A child is a manifest of its own, fetched by digest.
        ManifestResponse child = client.manifest("images/multi", amd64.toString());
        assertEquals(amd64, child.digest());
        assertEquals(MediaType.OCI_MANIFEST, child.contentType());
    }

    @Test
    void dockerManifestListIsTheListNotTheAmd64Child() throws Exception {
        Digest amd64 = Digest.parse(dockerList.child(TestImages.Platform.LINUX_AMD64).digest());
        for (String reference : List.of("latest", dockerList.digest())) {
            ManifestResponse response = client.manifest("images/list", reference);
            assertEquals(Digest.parse(dockerList.digest()), response.digest(), reference);
            assertNotEquals(amd64, response.digest());
            assertEquals(MediaType.DOCKER_LIST, response.contentType());
            assertArrayEquals(dockerList.manifest().bytes(), response.manifest().raw().toByteArray());
            ImageIndex list = assertInstanceOf(ImageIndex.class, response.manifest());
            assertEquals(List.of(Platform.of("linux", "amd64"), Platform.of("linux", "arm", "v7")),
                    list.platformManifests().stream().map(d -> d.platform().orElseThrow()).toList());
            assertEquals(Digest.parse(dockerList.digest()), response.deletable().orElseThrow().digest());
        }
    }

    @Test
    void headGivesTheSameDigestAndType() throws Exception {
        record Case(String repo, String ref, String digest, MediaType type, long size) {}
        List<Case> cases = List.of(
                new Case("images/oci", "1.0", oci.digest(), MediaType.OCI_MANIFEST, oci.manifest().size()),
                new Case("images/docker", "1.0", docker.digest(), MediaType.DOCKER_MANIFEST, docker.manifest().size()),
                new Case("images/multi", "latest", ociIndex.digest(), MediaType.OCI_INDEX, ociIndex.manifest().size()),
                new Case("images/list", "latest", dockerList.digest(), MediaType.DOCKER_LIST, dockerList.manifest().size()),
                new Case("images/list", dockerList.digest(), dockerList.digest(), MediaType.DOCKER_LIST,
                        dockerList.manifest().size()));
        for (Case c : cases) {
            ManifestHead head = client.headManifest(c.repo(), c.ref());
            assertEquals(new ManifestHead(Digest.parse(c.digest()), c.type(), c.size()), head, c.toString());
            assertEquals(client.manifest(c.repo(), c.ref()).digest(), head.digest());
        }
    }

    @Test
    void missingManifestIsNotFound() {
        RegistryException.NotFound e = assertThrows(RegistryException.NotFound.class,
                () -> client.manifest("images/oci", "no-such-tag"));
        assertTrue(e.hasErrorCode("MANIFEST_UNKNOWN"), e.errors().toString());
        assertThrows(RegistryException.NotFound.class, () -> client.headManifest("images/oci", "no-such-tag"));
        assertThrows(RegistryException.NotFound.class, () -> client.manifest("no/such/repo", "1"));
    }

    @Test
    void configGivesCreatedPlatformLabelsAndHistory() throws Exception {
        ImageManifest manifest = (ImageManifest) client.manifest("images/oci", "1.0").manifest();
        ImageConfig config = client.config("images/oci", manifest.config());

        assertEquals(Optional.of(Instant.parse("2023-05-06T07:08:09Z")), config.created());
        assertEquals(Platform.of("linux", "amd64"), config.platform());
        assertEquals("berth", config.labels().get("team"));
        assertEquals(Optional.of("/app"), config.workingDir());
        assertEquals(List.of("/bin/sh", "-c", "echo hello from seed 200"), config.cmd());
        assertEquals(3, config.history().size(), "one step per layer and the empty CMD step");
        assertEquals(Optional.of(Instant.parse("2023-05-06T07:06:09Z")), config.history().get(0).created());
        assertTrue(config.history().get(0).createdBy().startsWith("/bin/sh -c #(nop) ADD file:"));
        assertTrue(config.history().get(2).emptyLayer());
        assertArrayEquals(oci.config().bytes(), config.raw().toByteArray());

        ImageManifest arm = (ImageManifest) client.manifest("images/list",
                dockerList.child(TestImages.Platform.LINUX_ARM_V7).digest()).manifest();
        ImageConfig armConfig = client.config("images/list", arm.config());
        assertEquals(Platform.of("linux", "arm", "v7"), armConfig.platform());
        assertEquals(Optional.of(TestImages.DEFAULT_CREATED), armConfig.created());
    }

    @Test
    void aLayerIsNotAConfig() {
        Descriptor layer = RealRegistry.descriptor(oci.layers().get(0)).withAnnotations(Map.of());
        RegistryException e = assertThrows(RegistryException.ProtocolViolation.class, () -> client.config("images/oci", layer));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
        assertThrows(RegistryException.NotFound.class,
                () -> client.config("images/docker", RealRegistry.descriptor(oci.config())), "blobs are per repository");
    }

    @Test
    void referrersThroughTheTagFallback() throws Exception {
        Image subject = seeder.pushImage("images/signed", "1", 230, 100);
        Image sbom = TestImages.artifact(subject.manifest(), "application/spdx+json", "application/spdx+json", 300, 231);
        Image signature = TestImages.artifact(subject.manifest(), "application/vnd.dev.cosign.artifact.sig.v1+json",
                "application/vnd.dev.cosign.simplesigning.v1+json", 120, 232);
        seeder.pushImage("images/signed", null, sbom);
        seeder.pushImage("images/signed", null, signature);
        seeder.putManifest("images/signed", TestImages.referrersTag(subject.digest()),
                TestImages.referrersIndex(List.of(sbom, signature)));

        List<Descriptor> referrers = client.referrers("images/signed", Digest.parse(subject.digest()));

        assertEquals(List.of(Digest.parse(sbom.digest()), Digest.parse(signature.digest())),
                referrers.stream().map(Descriptor::digest).toList());
        assertEquals(Optional.of("application/spdx+json"), referrers.get(0).artifactType());
        assertEquals(MediaType.OCI_MANIFEST, referrers.get(1).mediaType());

        ImageManifest fetched = (ImageManifest) client.manifest("images/signed", sbom.digest()).manifest();
        assertEquals(Digest.parse(subject.digest()), fetched.subject().orElseThrow().digest());
        assertTrue(fetched.isArtifact());

        assertEquals(List.of(), client.referrers("images/oci", Digest.parse(oci.digest())), "nothing refers to it");
    }
}
