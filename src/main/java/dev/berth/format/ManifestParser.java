package dev.berth.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Platform;
import dev.berth.domain.RawBytes;
import dev.berth.domain.Schema1Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads manifests from the bytes a registry sent. It decides the kind from the document's own
 * {@code mediaType} (the Content-Type header is only a fallback, because OCI lets documents omit
 * it), and rejects anything malformed with a message that says what is wrong.
 */
public final class ManifestParser {

    // A document followed by more content is not one JSON value (Go's json.Unmarshal rejects it too).
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestParser() {}

    /**
     * Parses {@code raw}. {@code contentType} is the Content-Type the server declared, used when
     * the document does not name its own media type.
     */
    public static Manifest parse(RawBytes raw, Optional<MediaType> contentType) {
        JsonNode root = readTree(raw);
        if (!root.isObject()) throw new MalformedContentException("the manifest is not a JSON object");
        JsonNode version = root.path("schemaVersion");
        if (version.isMissingNode() || version.isNull()) throw new MalformedContentException("the manifest has no schemaVersion");
        // asInt() would read true as 1 and "2" or 2.5 as 2: only a JSON integer is a version.
        int schemaVersion = version.isIntegralNumber() && version.canConvertToInt() ? version.intValue() : -1;
        if (schemaVersion == 1) {
            // Without a schema1 Content-Type, the signatures tell the signed form (prettyjws) from the plain one.
            MediaType type = contentType.filter(MediaType::isSchema1)
                    .orElse(root.has("signatures") ? MediaType.DOCKER_SCHEMA1_SIGNED : MediaType.DOCKER_SCHEMA1);
            return new Schema1Manifest(type, root.path("name").asText(""), root.path("tag").asText(""), raw);
        }
        if (schemaVersion != 2) {
            throw new MalformedContentException("unsupported manifest schemaVersion " + version);
        }
        MediaType type = mediaTypeOf(root, contentType);
        if (type.isIndex()) return index(root, type, raw);
        if (type.isImageManifest()) return image(root, type, raw);
        throw new MalformedContentException("'" + type + "' is not a manifest media type");
    }

    private static MediaType mediaTypeOf(JsonNode root, Optional<MediaType> contentType) {
        if (root.hasNonNull("mediaType")) return mediaType(root.get("mediaType").asText(), "the manifest");
        if (contentType.filter(MediaType::isManifest).isPresent()) return contentType.get();
        // OCI documents may omit mediaType: the shape tells which one it is.
        if (root.has("manifests")) return MediaType.OCI_INDEX;
        if (root.has("config")) return MediaType.OCI_MANIFEST;
        throw new MalformedContentException("the manifest names no media type and has neither config nor manifests");
    }

    private static ImageManifest image(JsonNode root, MediaType type, RawBytes raw) {
        if (!root.has("config")) throw new MalformedContentException("the image manifest has no config");
        Descriptor config = descriptor(root.get("config"), "config");
        List<Descriptor> layers = new ArrayList<>();
        JsonNode layerNodes = root.path("layers");
        if (!layerNodes.isMissingNode() && !layerNodes.isNull() && !layerNodes.isArray()) {
            throw new MalformedContentException("'layers' is not a list");
        }
        for (int i = 0; i < layerNodes.size(); i++) layers.add(descriptor(layerNodes.get(i), "layers[" + i + "]"));
        return new ImageManifest(type, config, layers, optionalDescriptor(root, "subject"),
                optionalText(root, "artifactType"), strings(root.path("annotations")), raw);
    }

    private static ImageIndex index(JsonNode root, MediaType type, RawBytes raw) {
        JsonNode entries = root.path("manifests");
        if (!entries.isArray()) throw new MalformedContentException("the index has no 'manifests' list");
        List<Descriptor> manifests = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) manifests.add(descriptor(entries.get(i), "manifests[" + i + "]"));
        return new ImageIndex(type, manifests, optionalDescriptor(root, "subject"), optionalText(root, "artifactType"),
                strings(root.path("annotations")), raw);
    }

    static Descriptor descriptor(JsonNode node, String where) {
        if (!node.isObject()) throw new MalformedContentException(where + " is not a descriptor object");
        String mediaType = node.path("mediaType").asText("");
        if (mediaType.isEmpty()) throw new MalformedContentException(where + " has no mediaType");
        Digest digest;
        try {
            digest = Digest.parse(node.path("digest").asText(""));
        } catch (IllegalArgumentException e) {
            throw new MalformedContentException(where + ": " + e.getMessage());
        }
        JsonNode size = node.path("size");
        if (size.isMissingNode() || size.isNull()) throw new MalformedContentException(where + " has no size");
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            throw new MalformedContentException(where + " has an invalid size " + size + " (expected a whole number of bytes)");
        }
        Optional<Platform> platform = Optional.empty();
        JsonNode p = node.path("platform");
        if (p.isObject()) {
            platform = Optional.of(new Platform(p.path("os").asText("unknown"), p.path("architecture").asText("unknown"),
                    optionalText(p, "variant"), optionalText(p, "os.version")));
        }
        List<String> urls = new ArrayList<>();
        node.path("urls").forEach(u -> urls.add(u.asText()));
        return new Descriptor(mediaType(mediaType, where), digest, size.asLong(), platform, strings(node.path("annotations")),
                urls, optionalText(node, "artifactType"));
    }

    /** {@link MediaType#of}, failing as malformed content rather than as a bare IllegalArgumentException. */
    private static MediaType mediaType(String value, String where) {
        try {
            return MediaType.of(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedContentException(where + " has an invalid mediaType '" + value + "'");
        }
    }

    private static Optional<Descriptor> optionalDescriptor(JsonNode root, String field) {
        JsonNode node = root.path(field);
        return node.isObject() ? Optional.of(descriptor(node, field)) : Optional.empty();
    }

    static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.isObject()) node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static JsonNode readTree(RawBytes raw) {
        try {
            JsonNode root = JSON.readTree(raw.toByteArray());
            // Jackson answers empty input with a MissingNode, not null.
            if (root == null || root.isMissingNode()) throw new MalformedContentException("the document is empty");
            return root;
        } catch (IOException e) {
            throw new MalformedContentException("the document is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
