package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.format.ManifestParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A real, runnable-shaped image a few hundred bytes big: one layer (a tar holding one file),
 * compressed as asked, an OCI config whose diff_id is the uncompressed tar's digest, and its manifest.
 */
record TinyImage(byte[] layerTar, Descriptor layer, byte[] layerBytes, Descriptor config, byte[] configBytes, Manifest manifest) {

    static TinyImage of(String fileContent, Compression compression) throws IOException {
        byte[] tar = tar("hello.txt", fileContent.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = compression.compress(compressed)) {
            out.write(tar);
        }
        byte[] layerBytes = compressed.toByteArray();
        Descriptor layer = Descriptor.of(compression.layerType(MediaType.OCI_MANIFEST), Digest.sha256(layerBytes), layerBytes.length);
        return withDiffId(tar, layer, layerBytes, Digest.sha256(tar));
    }

    /** The same image with a config that claims another diff_id: inconsistent, as a corrupt source would be. */
    TinyImage withWrongDiffId() {
        return withDiffId(layerTar, layer, layerBytes, Digest.sha256("something else".getBytes(StandardCharsets.UTF_8)));
    }

    private static TinyImage withDiffId(byte[] tar, Descriptor layer, byte[] layerBytes, Digest diffId) {
        byte[] config = StoreJson.write(Map.of("architecture", "amd64", "os", "linux",
                "config", Map.of("Cmd", List.of("/hello.txt")),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId.toString()))));
        Descriptor configDescriptor = Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(config), config.length);
        byte[] manifest = StoreJson.write(Map.of("schemaVersion", 2, "mediaType", MediaType.OCI_MANIFEST.value(),
                "config", StoreJson.descriptorNode(configDescriptor), "layers", List.of(StoreJson.descriptorNode(layer))));
        return new TinyImage(tar, layer, layerBytes, configDescriptor, config,
                ManifestParser.parse(RawBytes.of(manifest), Optional.empty()));
    }

    /** Blobs, then the image, then the commit: what a copy does. */
    void writeTo(ImageDestination to, Optional<String> tag) throws IOException {
        to.putBlob(config, () -> new ByteArrayInputStream(configBytes));
        to.putBlob(layer, () -> new ByteArrayInputStream(layerBytes));
        to.putImage(manifest, tag);
        to.commit();
    }

    static byte[] tar(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
