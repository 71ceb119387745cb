package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.MediaType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docker-archive files against podman and skopeo: what Berth writes loads, what they save Berth reads. */
class DockerArchiveInteropTest {

    @ParameterizedTest
    @EnumSource(Compression.class)
    void anArchiveBerthWritesLoadsIntoPodmanWithUncompressedLayers(Compression compression, @TempDir Path dir) throws Exception {
        TinyImage image = TinyImage.of("hello " + compression, compression);
        Path file = dir.resolve("image.tar");
        try (ImageDestination to = DockerArchive.create(file)) {
            image.writeTo(to, Optional.of("berth/tiny:1.0"));
        }

        Podman podman = new Podman(dir);
        podman.run("load", "-i", file.toString());
        String images = podman.run("images", "--format", "{{.Repository}}:{{.Tag}}");
        assertTrue(images.lines().anyMatch(l -> l.endsWith("berth/tiny:1.0")), images);
        JsonNode inspect = new ObjectMapper().readTree(podman.run("inspect", "berth/tiny:1.0")).get(0);
        assertEquals(image.config().digest().hex(), inspect.path("Id").asText());
        assertEquals(Digest.sha256(image.layerTar()).toString(), inspect.path("RootFS").path("Layers").get(0).asText());
    }

    @Test
    void aLayerThatDoesNotUncompressToItsDiffIdIsRefusedAndNoArchiveAppears(@TempDir Path dir) throws Exception {
        TinyImage image = TinyImage.of("hello", Compression.GZIP).withWrongDiffId();
        Path file = dir.resolve("image.tar");
        try (ImageDestination to = DockerArchive.create(file)) {
            StoreException.Corrupt e = assertThrows(StoreException.Corrupt.class, () -> image.writeTo(to, Optional.of("berth/tiny:1.0")));
            assertTrue(e.getMessage().contains(image.layer().digest().toString()), e.getMessage());
        }
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "neither the archive nor its staging files are left");
        }
    }

    @Test
    void anIndexCannotGoIntoADockerArchive(@TempDir Path dir) throws Exception {
        var index = dev.berth.format.ManifestParser.parse(dev.berth.domain.RawBytes.utf8(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"), Optional.empty());
        try (ImageDestination to = DockerArchive.create(dir.resolve("image.tar"))) {
            StoreException.Unsupported e = assertThrows(StoreException.Unsupported.class, () -> to.putImage(index, Optional.of("x:1")));
            assertTrue(e.getMessage().contains("--platform"), e.getMessage());
        }
    }

    @Test
    void anArchivePodmanSavedIsReadWithItsDigests(@TempDir Path dir) throws Exception {
        Podman podman = new Podman(dir);
        Path saved = savedByPodman(podman, dir, "from podman", "localhost/tiny:imported");
        JsonNode inspect = new ObjectMapper().readTree(podman.run("inspect", "localhost/tiny:imported")).get(0);

        try (ImageSource from = DockerArchive.read(saved)) {
            assertEquals(List.of("localhost/tiny:imported"), from.tags());
            Descriptor top = from.resolve("localhost/tiny:imported");
            assertEquals(top, from.resolve("@0"), "@N names the N-th image, as in skopeo");
            assertEquals(MediaType.DOCKER_MANIFEST, top.mediaType());
            ImageManifest manifest = (ImageManifest) from.manifest(top.digest());
            assertEquals(top.digest(), manifest.digest());
            assertEquals(inspect.path("Id").asText(), manifest.config().digest().hex());
            Descriptor layer = manifest.layers().get(0);
            assertEquals(DockerArchive.DOCKER_LAYER_TAR, layer.mediaType());
            assertEquals(inspect.path("RootFS").path("Layers").get(0).asText(), layer.digest().toString());
            try (InputStream in = from.openBlob(layer)) {
                assertEquals(Digest.sha256(in.readAllBytes()), layer.digest());
            }
        }
    }

    @Test
    void theOciLayoutInsideATarThatDocker25WritesIsRead(@TempDir Path dir) throws Exception {
        Podman podman = new Podman(dir);
        Path saved = savedByPodman(podman, dir, "docker 25", "localhost/tiny:new");
        // skopeo turns the save into an OCI layout; with a manifest.json beside it, it is what Docker 25 writes.
        Path layout = dir.resolve("layout");
        ExternalTool.run(dir, "skopeo", "--insecure-policy", "copy", "docker-archive:" + saved, "oci:" + layout + ":new");
        JsonNode skopeo = new ObjectMapper().readTree(ExternalTool.run(dir, "skopeo", "inspect", "oci:" + layout + ":new"));
        Digest digest = Digest.parse(skopeo.path("Digest").asText());
        ImageManifest manifest;
        try (OciLayout read = OciLayout.open(layout)) {
            assertEquals(digest, read.resolve("new").digest(), "the layout skopeo wrote from a docker-archive reads back");
            manifest = (ImageManifest) read.manifest(digest);
        }
        String configPath = "blobs/sha256/" + manifest.config().digest().hex();
        List<String> layers = manifest.layers().stream().map(l -> "blobs/sha256/" + l.digest().hex()).toList();
        Files.write(layout.resolve("manifest.json"), StoreJson.write(List.of(java.util.Map.of("Config", configPath,
                "RepoTags", List.of("tiny:new"), "Layers", layers))));
        Path docker25 = dir.resolve("docker25.tar");
        ExternalTool.run(dir, "tar", "-C", layout.toString(), "-cf", docker25.toString(), ".");

        try (ImageSource from = DockerArchive.read(docker25)) {
            assertEquals(List.of("tiny:new"), from.tags());
            assertEquals(digest, from.resolve("tiny:new").digest());
            assertEquals(digest, from.resolve("docker.io/library/tiny:new").digest(), "names match in their canonical form too");
            try (InputStream in = from.openBlob(manifest.layers().get(0))) {
                assertFalse(in.readAllBytes().length == 0);
            }
        }
    }

    @Test
    void aPodmanArchiveCopiedIntoAnArchiveByBerthLoadsAgain(@TempDir Path dir) throws Exception {
        Podman podman = new Podman(dir);
        Path saved = savedByPodman(podman, dir, "round trip", "localhost/tiny:one");
        podman.run("rmi", "localhost/tiny:one");

        Path copied = dir.resolve("copied.tar");
        try (ImageSource from = DockerArchive.read(saved); ImageDestination to = DockerArchive.create(copied)) {
            TestCopy.copy(from, "localhost/tiny:one", to, Optional.of("localhost/tiny:two"));
        }
        podman.run("load", "-i", copied.toString());
        assertTrue(podman.run("images", "--format", "{{.Repository}}:{{.Tag}}").contains("localhost/tiny:two"));
    }

    /** An image podman imported from a one-file rootfs tar, then saved as a docker-archive. */
    private static Path savedByPodman(Podman podman, Path dir, String content, String name) throws Exception {
        Path rootfs = dir.resolve("rootfs.tar");
        Files.write(rootfs, TinyImage.tar("hello.txt", content.getBytes(StandardCharsets.UTF_8)));
        podman.run("import", rootfs.toString(), name);
        Path saved = dir.resolve("saved.tar");
        podman.run("save", "-o", saved.toString(), name);
        return saved;
    }
}
