package dev.berth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.RawBytes;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine tells about one of its images without saving it: its inspect answer (platform,
 * config, the layers' uncompressed diff ids) and its history. An engine image has no manifest, no
 * compressed layer sizes and no referrers: those exist only once it is pushed.
 *
 * @param image       the engine's own facts: id, names, registry digests, unpacked size, created
 * @param config      platform, run settings and history; its raw bytes are the engine's inspect answer
 * @param layers      the layers' diff ids (digests of the uncompressed tars), bottom first
 * @param historyKnown false when the engine would not tell the history (the config then has none)
 */
public record EngineImageDetails(LocalImage image, ImageConfig config, List<Digest> layers, boolean historyKnown) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public EngineImageDetails {
        java.util.Objects.requireNonNull(image, "image");
        java.util.Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
    }

    /** Reads {@code GET /images/{name}/json} and, when the engine gave it, {@code GET /images/{name}/history}. */
    static EngineImageDetails parse(String inspect, Optional<String> history) throws IOException {
        JsonNode root = JSON.readTree(inspect);
        JsonNode config = root.path("Config");
        Optional<Instant> created = instant(text(root, "Created"));
        LocalImage image = new LocalImage(root.path("Id").asText(""), names(root.path("RepoTags")), names(root.path("RepoDigests")),
                root.path("Size").asLong(0), created.orElse(Instant.EPOCH));
        List<ImageConfig.HistoryEntry> steps = history.isPresent() ? history(JSON.readTree(history.get())) : List.of();
        ImageConfig imageConfig = new ImageConfig(created, text(root, "Os").orElse("unknown"), text(root, "Architecture").orElse("unknown"),
                text(root, "Variant"), text(config, "User"), text(config, "WorkingDir"), strings(config.path("Env")),
                strings(config.path("Entrypoint")), strings(config.path("Cmd")), keys(config.path("ExposedPorts")),
                labels(config.path("Labels")), steps, RawBytes.utf8(inspect));
        List<Digest> layers = new ArrayList<>();
        for (String layer : strings(root.path("RootFS").path("Layers"))) layers.add(Digest.parse(layer));
        return new EngineImageDetails(image, imageConfig, layers, history.isPresent());
    }

    /**
     * The engine lists history newest first with each step's unpacked size; a config lists it
     * oldest first and marks the steps that made no layer, which is what a size of 0 means here.
     */
    private static List<ImageConfig.HistoryEntry> history(JsonNode steps) {
        List<ImageConfig.HistoryEntry> entries = new ArrayList<>();
        for (JsonNode step : steps) {
            long when = step.path("Created").asLong(0);
            entries.addFirst(new ImageConfig.HistoryEntry(when == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(when)),
                    step.path("CreatedBy").asText(""), step.path("Size").asLong(0) == 0, text(step, "Comment")));
        }
        return entries;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<Instant> instant(Optional<String> text) {
        try {
            return text.map(Instant::parse).filter(i -> i.getEpochSecond() > 0);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isTextual()) values.add(array.asText()); // an old engine may answer a lone string
        for (JsonNode value : array) values.add(value.asText());
        return values;
    }

    /** Names, without the {@code <none>:<none>} an engine answers for an untagged image. */
    private static List<String> names(JsonNode array) {
        return strings(array).stream().filter(n -> !n.startsWith("<none>")).toList();
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            labels.put(label.getKey(), label.getValue().asText(""));
        }
        return labels;
    }
}
