package dev.berth.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.ImageConfig.HistoryEntry;
import dev.berth.domain.RawBytes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an image config blob (OCI or Docker); tolerant of missing fields, strict about JSON. */
public final class ImageConfigParser {

    private ImageConfigParser() {}

    public static ImageConfig parse(RawBytes raw) {
        JsonNode root = ManifestParser.readTree(raw);
        if (!root.isObject()) throw new MalformedContentException("the image config is not a JSON object");
        JsonNode config = root.path("config");
        List<String> ports = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode step : root.path("history")) {
            history.add(new HistoryEntry(instant(step.path("created")), step.path("created_by").asText(""),
                    step.path("empty_layer").asBoolean(false), ManifestParser.optionalText(step, "comment")));
        }
        return new ImageConfig(
                instant(root.path("created")),
                root.path("os").asText(""),
                root.path("architecture").asText(""),
                ManifestParser.optionalText(root, "variant"),
                ManifestParser.optionalText(config, "User"),
                ManifestParser.optionalText(config, "WorkingDir"),
                texts(config.path("Env")),
                texts(config.path("Entrypoint")),
                texts(config.path("Cmd")),
                ports,
                ManifestParser.strings(config.path("Labels")),
                history,
                raw);
    }

    /** RFC 3339 timestamps; an unparseable or zero date ({@code 0001-01-01}) counts as unknown. */
    public static Optional<Instant> instant(JsonNode node) {
        if (!node.isTextual()) return Optional.empty();
        return parseInstant(node.asText());
    }

    public static Optional<Instant> parseInstant(String text) {
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return instant.isBefore(Instant.EPOCH.plusSeconds(1)) ? Optional.empty() : Optional.of(instant);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) node.forEach(v -> values.add(v.asText()));
        else if (node.isTextual()) values.add(node.asText());
        return values;
    }
}
