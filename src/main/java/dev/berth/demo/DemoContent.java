package dev.berth.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import dev.berth.store.StoreJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes of the demo's blobs and manifests, built so the same call always gives the same bytes
 * (and so the same digests): JSON keys in a fixed order, tar headers with fixed owners and times,
 * gzip headers without a timestamp.
 */
final class DemoContent {

    static final MediaType SIGNATURE_TYPE = new MediaType("application/vnd.dev.berth.demo.signature.v1+json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoContent() {}

    /** A blob: its descriptor and bytes. */
    record Blob(Descriptor descriptor, byte[] bytes, Digest diffId) {
        Blob {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** A gzipped tar holding one text file: a real layer that tools can unpack. */
    static Blob layer(String path, String text) {
        byte[] tar = tar(path, text.getBytes(StandardCharsets.UTF_8));
        byte[] gz = gzip(tar);
        return new Blob(Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(gz), gz.length), gz, Digest.sha256(tar));
    }

    /** An OCI image config as {@code docker inspect} shows one: platform, created date, command, diff_ids, history. */
    static Blob config(Platform platform, Instant created, List<Blob> layers, String command, Map<String, String> labels) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", platform.architecture());
        config.put("os", platform.os());
        platform.variant().ifPresent(v -> config.put("variant", v));
        config.put("created", created.toString());
        config.put("author", "Berth demo");
        ObjectNode run = config.putObject("config");
        run.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        run.putArray("Cmd").add("/bin/sh").add("-c").add(command);
        run.put("WorkingDir", "/");
        ObjectNode labelNode = run.putObject("Labels");
        labels.forEach(labelNode::put);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        for (Blob layer : layers) {
            diffIds.add(layer.diffId().toString());
            history.addObject().put("created", created.toString()).put("created_by", "ADD demo-" + layer.descriptor().digest().shortHex() + " /");
        }
        history.addObject().put("created", created.toString()).put("created_by", "CMD [\"/bin/sh\" \"-c\" \"" + command + "\"]")
                .put("empty_layer", true);
        byte[] bytes = write(config);
        return new Blob(Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(bytes), bytes.length), bytes, Digest.sha256(bytes));
    }

    /** An OCI image manifest over a config and layers, optionally a referrer of {@code subject}. */
    static byte[] imageManifest(Descriptor config, List<Descriptor> layers, Optional<String> artifactType,
            Optional<Descriptor> subject, Map<String, String> annotations) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaType.OCI_MANIFEST.value());
        artifactType.ifPresent(t -> manifest.put("artifactType", t));
        manifest.set("config", descriptor(config));
        ArrayNode layerNodes = manifest.putArray("layers");
        layers.forEach(l -> layerNodes.add(descriptor(l)));
        subject.ifPresent(s -> manifest.set("subject", descriptor(s)));
        if (!annotations.isEmpty()) {
            ObjectNode node = manifest.putObject("annotations");
            annotations.forEach(node::put);
        }
        return write(manifest);
    }

    /** An OCI index over platform manifests. */
    static byte[] index(List<Descriptor> children) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaType.OCI_INDEX.value());
        ArrayNode manifests = index.putArray("manifests");
        children.forEach(c -> manifests.add(descriptor(c)));
        return write(index);
    }

    /** The empty JSON object {@code {}} that OCI 1.1 artifacts use as their config. */
    static Blob emptyConfig() {
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        return new Blob(Descriptor.of(MediaType.OCI_EMPTY, Digest.sha256(bytes), bytes.length), bytes, Digest.sha256(bytes));
    }

    /** A JSON blob of the given media type (a demo signature's payload). */
    static Blob json(MediaType type, Map<String, String> fields) {
        ObjectNode node = JSON.createObjectNode();
        fields.forEach(node::put);
        byte[] bytes = write(node);
        return new Blob(Descriptor.of(type, Digest.sha256(bytes), bytes.length), bytes, Digest.sha256(bytes));
    }

    private static ObjectNode descriptor(Descriptor d) {
        return StoreJson.descriptorNode(d);
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POSIX tar with one regular file owned by root, dated the epoch: the same input gives the same bytes. */
    private static byte[] tar(String path, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, path, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", content.length), 12);
        put(header, 136, "00000000000", 12);
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        long sum = 0;
        for (byte b : header) sum += b & 0xff;
        put(header, 148, String.format("%06o", sum), 7);
        int padded = (content.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(content, 0, tar, 512, content.length);
        return tar;
    }

    private static void put(byte[] header, int offset, String text, int length) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
