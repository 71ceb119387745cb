package dev.berth.cleanup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link CleanupPolicy} as a JSON document, to export, import and save with a connection:
 * <pre>{@code
 * {"berthCleanupPolicy": 1,
 *  "scopes": [{"repositories": "team/", "keepLast": 10, "olderThan": "30d", "order": "created",
 *              "include": [], "exclude": ["^keep-.*"], "protect": ["latest", "stable"]}]}
 * }</pre>
 * Reading is strict (unknown keys and bad values are errors naming where they are), since a typo in
 * a rule that deletes must not be silently ignored.
 */
public final class PolicyFiles {

    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> SCOPE_KEYS = Set.of("repositories", "keepLast", "olderThan", "order", "include", "exclude", "protect");

    private PolicyFiles() {}

    public static String toJson(CleanupPolicy policy) {
        ObjectNode root = JSON.createObjectNode();
        root.put("berthCleanupPolicy", FORMAT);
        ArrayNode scopes = root.putArray("scopes");
        for (PolicyScope scope : policy.scopes()) {
            RetentionRules r = scope.rules();
            ObjectNode s = scopes.addObject();
            s.put("repositories", scope.repositories());
            r.keepLast().ifPresent(n -> s.put("keepLast", n));
            r.olderThan().ifPresent(d -> s.put("olderThan", Ages.format(d)));
            s.put("order", r.order().name().toLowerCase(Locale.ROOT));
            r.include().forEach(p -> s.withArray("include").add(p.regex()));
            r.exclude().forEach(p -> s.withArray("exclude").add(p.regex()));
            r.protect().forEach(p -> s.withArray("protect").add(p.regex()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a policy; {@link IllegalArgumentException} says which key of which scope is wrong. */
    public static CleanupPolicy fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.has("berthCleanupPolicy")) {
            throw new IllegalArgumentException("not a Berth cleanup policy (no \"berthCleanupPolicy\" key)");
        }
        if (root.path("berthCleanupPolicy").asInt() != FORMAT) {
            throw new IllegalArgumentException("policy format " + root.path("berthCleanupPolicy") + " is not supported (this Berth reads "
                    + FORMAT + ")");
        }
        JsonNode scopes = root.path("scopes");
        if (!scopes.isArray()) throw new IllegalArgumentException("\"scopes\" must be an array");
        List<PolicyScope> result = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            String where = "scopes[" + i + "]";
            try {
                result.add(scope(scopes.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return new CleanupPolicy(result);
    }

    public static void write(Path file, CleanupPolicy policy) throws IOException {
        AtomicFiles.write(file, toJson(policy).getBytes(StandardCharsets.UTF_8));
    }

    public static CleanupPolicy read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy file " + file + ": " + e.getMessage(), e);
        }
    }

    private static PolicyScope scope(JsonNode s) {
        if (!s.isObject()) throw new IllegalArgumentException("must be an object");
        for (Iterator<String> keys = s.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!SCOPE_KEYS.contains(key)) throw new IllegalArgumentException("unknown key \"" + key + "\" (known: " + SCOPE_KEYS + ")");
        }
        if (!s.path("repositories").isTextual()) throw new IllegalArgumentException("\"repositories\" must be a repository, a namespace ending in '/', or \"*\"");
        Optional<Integer> keepLast = Optional.empty();
        if (s.has("keepLast")) {
            if (!s.get("keepLast").canConvertToInt() || !s.get("keepLast").isIntegralNumber()) {
                throw new IllegalArgumentException("\"keepLast\" must be a whole number");
            }
            keepLast = Optional.of(s.get("keepLast").intValue());
        }
        Optional<Duration> olderThan = s.has("olderThan") ? Optional.of(Ages.parse(s.get("olderThan").asText())) : Optional.empty();
        RetentionRules.Order order = RetentionRules.Order.CREATED;
        if (s.has("order")) {
            String text = s.get("order").asText().toUpperCase(Locale.ROOT);
            if (text.equals("SEMVER")) text = "VERSION";
            try {
                order = RetentionRules.Order.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"order\" must be \"created\" or \"version\"");
            }
        }
        RetentionRules rules = new RetentionRules(keepLast, olderThan, patterns(s, "include"), patterns(s, "exclude"),
                patterns(s, "protect"), order);
        return new PolicyScope(s.get("repositories").asText(), rules);
    }

    private static List<TagPattern> patterns(JsonNode scope, String key) {
        JsonNode list = scope.path(key);
        if (list.isMissingNode()) return List.of();
        if (!list.isArray()) throw new IllegalArgumentException("\"" + key + "\" must be an array of regular expressions");
        List<TagPattern> patterns = new ArrayList<>();
        for (JsonNode p : list) {
            if (!p.isTextual()) throw new IllegalArgumentException("\"" + key + "\" must hold strings");
            patterns.add(TagPattern.of(p.asText()));
        }
        return patterns;
    }
}
