package dev.berth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testing.TestImages.Content;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An image an engine accepts: a gzipped layer tar holding one file, a Docker config whose diff_id
 * is the uncompressed tar's digest, and its Docker v2 manifest (TestImages' layers are random bytes,
 * which an engine refuses to unpack).
 */
public record RunnableImage(Content layer, String diffId, Content config, Content manifest) {

    public static RunnableImage of(String fileContent) {
        try {
            byte[] tar = tar("hello.txt", fileContent.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(tar);
            }
            Content layer = Content.of(TestImages.DOCKER_LAYER, gz.toByteArray());
            String diffId = Content.of(TestImages.DOCKER_LAYER, tar).digest();
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("architecture", "amd64");
            config.put("os", "linux");
            config.put("created", "2024-03-01T12:00:00Z");
            config.put("config", Map.of("Cmd", List.of("/hello.txt")));
            config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId)));
            Content configContent = Content.of(TestImages.DOCKER_CONFIG, new ObjectMapper().writeValueAsBytes(config));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", TestImages.DOCKER_MANIFEST);
            manifest.put("config", configContent.descriptor());
            manifest.put("layers", List.of(layer.descriptor()));
            return new RunnableImage(layer, diffId, configContent, Content.of(TestImages.DOCKER_MANIFEST, new ObjectMapper().writeValueAsBytes(manifest)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pushes the image to {@code repo:tag}; returns its manifest digest. */
    public String pushTo(RegistrySeeder seeder, String repo, String tag) {
        seeder.pushBlob(repo, layer);
        seeder.pushBlob(repo, config);
        return seeder.putManifest(repo, tag, manifest);
    }

    /** The id an engine gives the image: its config digest. */
    public String imageId() {
        return config.digest();
    }

    private static byte[] tar(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
