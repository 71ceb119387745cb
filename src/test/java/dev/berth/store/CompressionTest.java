package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.domain.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {

    @ParameterizedTest
    @CsvSource({
            "application/vnd.oci.image.layer.v1.tar+gzip, GZIP",
            "application/vnd.docker.image.rootfs.diff.tar.gzip, GZIP",
            "application/vnd.oci.image.layer.v1.tar+zstd, ZSTD",
            "application/vnd.oci.image.layer.v1.tar, NONE",
            "application/vnd.docker.image.rootfs.diff.tar, NONE",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip, GZIP",
    })
    void theMediaTypeTellsTheCompression(String type, Compression expected) {
        assertEquals(expected, Compression.ofMediaType(MediaType.of(type)));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void whatIsCompressedDecompressesAndIsRecognisedByItsFirstBytes(Compression compression) throws Exception {
        byte[] content = "a layer tar, more or less ".repeat(100).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = compression.compress(compressed)) {
            out.write(content);
        }
        byte[] bytes = compressed.toByteArray();

        assertEquals(compression, Compression.detect(Arrays.copyOf(bytes, 4)));
        try (InputStream in = compression.decompress(new ByteArrayInputStream(bytes))) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void theLayerTypeKeepsTheFamily(Compression compression) {
        assertEquals(compression, Compression.ofMediaType(compression.layerType(MediaType.OCI_MANIFEST)));
        if (compression != Compression.ZSTD) {
            assertEquals(compression, Compression.ofMediaType(compression.layerType(MediaType.DOCKER_MANIFEST)));
        }
    }
}
