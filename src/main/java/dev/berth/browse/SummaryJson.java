package dev.berth.browse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The on-disk form of an {@link ImageSummary}. Written by hand rather than by data binding so the
 * file format is stated here and does not change when a record gains a component; reading
 * rejects anything unexpected, since a cache entry may be truncated or edited.
 */
final class SummaryJson {

    /** Bump when the meaning of a field changes: older entries are then ignored and rewritten. */
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryJson() {}

    static byte[] write(ImageSummary s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("digest", s.digest().toString());
        root.put("mediaType", s.mediaType().value());
        root.put("size", s.size());
        s.created().ifPresent(c -> root.put("created", c.toString()));
        ArrayNode platforms = root.putArray("platforms");
        for (Platform p : s.platforms()) {
            ObjectNode node = platforms.addObject();
            node.put("os", p.os());
            node.put("architecture", p.architecture());
            p.variant().ifPresent(v -> node.put("variant", v));
            p.osVersion().ifPresent(v -> node.put("osVersion", v));
        }
        ObjectNode blobs = root.putObject("blobs");
        s.blobs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> blobs.put(e.getKey().toString(), e.getValue()));
        ArrayNode children = root.putArray("children");
        s.children().forEach(d -> children.add(d.toString()));
        s.subject().ifPresent(d -> root.put("subject", d.toString()));
        s.artifactType().ifPresent(t -> root.put("artifactType", t));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a summary as JSON", e);
        }
    }

    /** The summary in {@code bytes}; empty when they are not a complete entry of this format. */
    static Optional<ImageSummary> read(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT) return Optional.empty();
            List<Platform> platforms = new ArrayList<>();
            for (JsonNode p : array(root, "platforms")) {
                platforms.add(new Platform(text(p, "os"), text(p, "architecture"), optionalText(p, "variant"),
                        optionalText(p, "osVersion")));
            }
            Map<Digest, Long> blobs = new LinkedHashMap<>();
            JsonNode blobNode = root.get("blobs");
            if (blobNode == null || !blobNode.isObject()) return Optional.empty();
            for (var e : blobNode.properties()) {
                if (!e.getValue().canConvertToLong()) return Optional.empty();
                blobs.put(Digest.parse(e.getKey()), e.getValue().asLong());
            }
            List<Digest> children = new ArrayList<>();
            for (JsonNode c : array(root, "children")) {
                if (!c.isTextual()) return Optional.empty();
                children.add(Digest.parse(c.asText()));
            }
            JsonNode size = root.get("size");
            if (size == null || !size.canConvertToLong()) return Optional.empty();
            return Optional.of(new ImageSummary(
                    Digest.parse(text(root, "digest")),
                    MediaType.of(text(root, "mediaType")),
                    size.asLong(),
                    optionalText(root, "created").map(Instant::parse),
                    platforms,
                    blobs,
                    children,
                    optionalText(root, "subject").map(Digest::parse),
                    optionalText(root, "artifactType")));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty(); // corrupt: the caller treats it as absent and the entry gets rewritten
        }
    }

    private static Iterable<JsonNode> array(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) throw new IllegalArgumentException("no array '" + field + "'");
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) throw new IllegalArgumentException("no text '" + field + "'");
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return Optional.empty();
        if (!value.isTextual()) throw new IllegalArgumentException("'" + field + "' is not text");
        return Optional.of(value.asText());
    }
}
