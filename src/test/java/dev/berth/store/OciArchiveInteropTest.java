package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageManifest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI archives (a tar of a layout) against skopeo, both ways. */
class OciArchiveInteropTest {

    @Test
    void anArchiveBerthWritesIsReadBySkopeo(@TempDir Path dir) throws Exception {
        TinyImage image = TinyImage.of("oci archive", Compression.GZIP);
        Path file = dir.resolve("image.tar");
        try (ImageDestination to = OciArchive.create(file)) {
            image.writeTo(to, Optional.of("1.0"));
        }

        JsonNode inspect = new ObjectMapper().readTree(ExternalTool.run(dir, "skopeo", "inspect", "oci-archive:" + file + ":1.0"));
        assertEquals(image.manifest().digest().toString(), inspect.path("Digest").asText());
        ExternalTool.run(dir, "skopeo", "--insecure-policy", "copy", "oci-archive:" + file + ":1.0", "dir:" + dir.resolve("copied"));
        assertArrayEquals(image.layerBytes(), Files.readAllBytes(dir.resolve("copied").resolve(image.layer().digest().hex())));
    }

    @Test
    void anArchiveSkopeoWroteIsReadByBerth(@TempDir Path dir) throws Exception {
        TinyImage image = TinyImage.of("from skopeo", Compression.ZSTD);
        Path layout = dir.resolve("layout");
        try (OciLayout to = OciLayout.open(layout)) {
            image.writeTo(to, Optional.of("src"));
        }
        Path file = dir.resolve("skopeo.tar");
        ExternalTool.run(dir, "skopeo", "--insecure-policy", "copy", "--preserve-digests", "oci:" + layout + ":src",
                "oci-archive:" + file + ":v2");

        try (ImageSource from = OciArchive.read(file)) {
            assertEquals(List.of("v2"), from.tags());
            Digest digest = from.resolve("v2").digest();
            assertEquals(image.manifest().digest(), digest);
            ImageManifest manifest = (ImageManifest) from.manifest(digest);
            try (InputStream in = from.openBlob(manifest.layers().get(0))) {
                assertArrayEquals(image.layerBytes(), in.readAllBytes());
            }
        }
    }

    @Test
    void anArchiveClosedWithoutCommitLeavesNothing(@TempDir Path dir) throws Exception {
        TinyImage image = TinyImage.of("cancelled", Compression.GZIP);
        try (ImageDestination to = OciArchive.create(dir.resolve("image.tar"))) {
            to.putBlob(image.layer(), () -> new java.io.ByteArrayInputStream(image.layerBytes()));
        }
        try (var left = Files.list(dir)) {
            assertFalse(left.findAny().isPresent(), "no archive, no staging directory");
        }
    }
}
