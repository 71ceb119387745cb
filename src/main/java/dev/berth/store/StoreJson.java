package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.format.MalformedContentException;
import dev.berth.format.ManifestParser;
import java.io.IOException;
import java.util.Optional;

/**
 * JSON of the file places: the small documents Berth reads and writes, and verified manifest reads.
 * Public only for {@link #descriptorNode}, which the demo's manifests share with the layouts' index.json.
 */
public final class StoreJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Registries reject larger manifests; the file places use the same bound. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    /** index.json and manifest.json list images, not content: even a big archive's are small. */
    static final int MAX_LIST_BYTES = 32 * 1024 * 1024;
    static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;

    private StoreJson() {}

    static JsonNode read(byte[] bytes, String what) throws StoreException {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) throw new StoreException.Corrupt(what + " is empty.");
            return node;
        } catch (IOException e) {
            throw new StoreException.Corrupt(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** The manifest {@code bytes}, checked against {@code digest} and parsed without touching the bytes (T14). */
    static Manifest verifiedManifest(byte[] bytes, Digest digest, Optional<MediaType> declared, String where) throws StoreException {
        if (!Digest.of(digest.algorithm(), bytes).equals(digest)) {
            throw new StoreException.Corrupt("The manifest " + digest + " in " + where
                    + " does not match its digest: the file is corrupt or was changed.");
        }
        return parsedManifest(bytes, declared, where);
    }

    /** {@code bytes} parsed as a manifest, the bytes kept as they are. */
    static Manifest parsedManifest(byte[] bytes, Optional<MediaType> declared, String where) throws StoreException {
        try {
            return ManifestParser.parse(RawBytes.of(bytes), declared);
        } catch (MalformedContentException e) {
            throw new StoreException.Corrupt("A manifest in " + where + " is malformed: " + e.getMessage(), e);
        }
    }

    /** A descriptor as OCI writes it: mediaType, digest, size, then platform, artifactType and annotations where present. */
    public static ObjectNode descriptorNode(Descriptor d) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("mediaType", d.mediaType().value());
        node.put("digest", d.digest().toString());
        node.put("size", d.size());
        d.platform().ifPresent(p -> {
            ObjectNode platform = node.putObject("platform");
            platform.put("architecture", p.architecture());
            platform.put("os", p.os());
            p.osVersion().ifPresent(v -> platform.put("os.version", v));
            p.variant().ifPresent(v -> platform.put("variant", v));
        });
        d.artifactType().ifPresent(t -> node.put("artifactType", t));
        if (!d.annotations().isEmpty()) {
            ObjectNode annotations = node.putObject("annotations");
            new java.util.TreeMap<>(d.annotations()).forEach(annotations::put);
        }
        return node;
    }

    static Descriptor descriptor(MediaType type, byte[] content) {
        return Descriptor.of(type, Digest.sha256(content), content.length);
    }
}
