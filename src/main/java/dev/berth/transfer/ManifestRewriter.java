package dev.berth.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import dev.berth.domain.RawBytes;
import dev.berth.format.ManifestParser;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Changes a manifest only where it must: descriptors replaced (a compressed layer, a child whose
 * digest changed) or dropped (platforms left out). Every other field stays as it was, in its
 * order; a manifest with nothing to change is never re-serialised (trap T14).
 */
final class ManifestRewriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestRewriter() {}

    /**
     * {@code manifest} with the descriptors in {@code arrayField} ("layers" or "manifests") replaced
     * by {@code replaced} and those in {@code dropped} removed; the same object when neither applies.
     */
    static Manifest rewrite(Manifest manifest, String arrayField, Map<Digest, Descriptor> replaced, Set<Digest> dropped)
            throws IOException {
        JsonNode root = JSON.readTree(manifest.raw().toByteArray());
        if (!(root instanceof ObjectNode object) || !(object.get(arrayField) instanceof ArrayNode entries)) return manifest;
        ArrayNode updated = JSON.createArrayNode();
        boolean changed = false;
        for (JsonNode entry : entries) {
            Digest digest = Digest.parse(entry.path("digest").asText());
            if (dropped.contains(digest)) {
                changed = true;
                continue;
            }
            Descriptor replacement = replaced.get(digest);
            if (replacement != null && !replacement.digest().equals(digest)) {
                ObjectNode copy = ((ObjectNode) entry).deepCopy();
                copy.put("mediaType", replacement.mediaType().value());
                copy.put("digest", replacement.digest().toString());
                copy.put("size", replacement.size());
                updated.add(copy);
                changed = true;
            } else {
                updated.add(entry);
            }
        }
        if (!changed) return manifest;
        object.set(arrayField, updated);
        return ManifestParser.parse(RawBytes.of(JSON.writeValueAsBytes(object)), Optional.of(manifest.mediaType()));
    }
}
