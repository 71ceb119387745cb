package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.MediaType;
import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.store.DockerArchive;
import dev.berth.store.ExternalTool;
import dev.berth.store.ImageSource;
import dev.berth.store.Podman;
import dev.berth.store.RegistryStore;
import dev.berth.testing.RegistryServer;
import dev.berth.work.Progress;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A docker-archive podman saved, pushed to a real registry: layers gzipped, diff_ids intact, skopeo reads it. */
class DockerArchiveCopyTest {

    @Test
    void aPodmanSaveIsPushedWithGzippedLayersWhoseDiffIdsMatch(@TempDir Path dir) throws Exception {
        Path saved = savedByPodman(dir);
        try (RegistryServer registry = RegistryServer.builder(dir.resolve("registry")).start()) {
            RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
            RegistryStore to = new RegistryStore(client, "pushed/tiny");
            CopyOptions gzip = CopyOptions.defaults().withCompression(CopyOptions.LayerCompression.GZIP);
            CopyResult result;
            try (ImageSource from = DockerArchive.read(saved)) {
                result = new ImageCopier(dir).copy(from, "", to, Optional.of("1.0"), gzip, CancelSignal.none(), Progress.none());
            }

            assertFalse(result.digestPreserved());
            assertTrue(result.digestChange().orElseThrow().contains("gzipped"), result.digestChange().toString());
            ImageManifest pushed = (ImageManifest) to.manifest(to.resolve("1.0").digest());
            assertEquals(result.digest(), pushed.digest());
            JsonNode config;
            try (InputStream in = to.openBlob(pushed.config())) {
                config = new ObjectMapper().readTree(in.readAllBytes());
            }
            List<String> diffIds = new ArrayList<>();
            config.path("rootfs").path("diff_ids").forEach(id -> diffIds.add(id.asText()));
            List<String> uncompressed = new ArrayList<>();
            for (Descriptor layer : pushed.layers()) {
                assertEquals(MediaType.DOCKER_LAYER_GZIP, layer.mediaType());
                try (InputStream in = new GZIPInputStream(to.openBlob(layer))) {
                    uncompressed.add(Digest.sha256(in.readAllBytes()).toString());
                }
            }
            assertEquals(diffIds, uncompressed, "each gzipped layer unpacks to its diff_id");

            JsonNode inspect = new ObjectMapper().readTree(ExternalTool.run(dir, "skopeo", "inspect", "--tls-verify=false",
                    "docker://" + registry.hostPort() + "/pushed/tiny:1.0"));
            assertEquals(result.digest().toString(), inspect.path("Digest").asText());
            assertEquals(pushed.layers().get(0).digest().toString(), inspect.path("Layers").get(0).asText());

            try (ImageSource from = DockerArchive.read(saved)) {
                CopyResult again = new ImageCopier(dir).copy(from, "", to, Optional.of("1.0"), gzip, CancelSignal.none(), Progress.none());
                assertEquals(result.digest(), again.digest(), "gzip output is the same each time, so a second push changes nothing");
                assertEquals(pushed.blobs().size(), again.blobsSkipped());
            }
        }
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("layer-")), "no scratch layer is left");
        }
    }

    /** podman imports a one-file rootfs tar and saves it as a docker-archive. */
    private static Path savedByPodman(Path dir) throws Exception {
        Path rootfs = dir.resolve("rootfs.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(rootfs))) {
            byte[] content = "hello from a docker-archive".getBytes();
            TarArchiveEntry entry = new TarArchiveEntry("hello.txt");
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        Podman podman = new Podman(dir.resolve("podman"));
        Files.createDirectories(dir.resolve("podman"));
        podman.run("import", rootfs.toString(), "localhost/tiny:1.0");
        Path saved = dir.resolve("saved.tar");
        podman.run("save", "-o", saved.toString(), "localhost/tiny:1.0");
        return saved;
    }
}
