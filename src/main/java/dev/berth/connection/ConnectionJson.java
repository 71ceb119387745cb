package dev.berth.connection;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.connection.TlsOptions.ClientCertificateFiles;
import dev.berth.registry.Capabilities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The connections file format. Version 1:
 *
 * <pre>{@code
 * {"version": 1,
 *  "connections": [{"id": "…", "name": "…", "registry": "host:5000", "auth": "password", "username": "alice",
 *                   "plainHttp": false, "allowInsecureRemote": false, "repositories": ["team/app"],
 *                   "tls": {"caFile": "/…/ca.pem", "clientCertificate": {"type": "pem", "certificate": "…", "privateKey": "…"}},
 *                   "lastProbe": {"probedAt": "…Z", "auth": "basic", "catalog": "yes", …},
 *                   "cleanupPolicy": {"berthCleanupPolicy": 1, "scopes": […]}},
 *                  {"id": "…", "name": "Demo", "registry": "demo.folder.invalid", "auth": "none", "folder": "/…/berth/demo"}]}
 * }</pre>
 *
 * A connection with {@code "folder"} is a folder of OCI image layouts; files written before folders
 * existed have none, and read as before.
 *
 * Fields this version does not know, at the top level and in each connection, are kept and written
 * back, so a newer Berth's additions (cleanup policies, say) survive an older one. Works on Jackson's
 * tree so every problem is described in Berth's words.
 */
final class ConnectionJson {

    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("version", "connections");
    private static final Set<String> CONNECTION_FIELDS = Set.of("id", "name", "registry", "auth", "username", "tls",
            "plainHttp", "allowInsecureRemote", "repositories", "lastProbe", "cleanupPolicy", "folder");

    /**
     * What a file held.
     *
     * @param connections the entries that could be read, in file order
     * @param extraFields per connection, the fields this version does not know
     * @param extraTopLevel top-level fields this version does not know
     * @param problems why other entries were left out, or why the file is from a newer version
     */
    record Decoded(List<Connection> connections, Map<ConnectionId, ObjectNode> extraFields, ObjectNode extraTopLevel,
            List<String> problems) {}

    /** The file as a whole is unusable (not JSON, not the expected shape). */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private ConnectionJson() {}

    static ObjectNode emptyObject() {
        return JSON.createObjectNode();
    }

    static Decoded decode(byte[] bytes) throws Unreadable {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) throw new Unreadable("it is empty");
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new Unreadable("it is not valid JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new Unreadable("it cannot be parsed");
        }
        if (root == null || !root.isObject()) throw new Unreadable("it is not a JSON object");
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToInt() || version.asInt() < 1) {
            throw new Unreadable("it has no valid \"version\"");
        }
        JsonNode list = root.get("connections");
        if (list != null && !list.isArray()) throw new Unreadable("\"connections\" is not a list");

        List<String> problems = new ArrayList<>();
        if (version.asInt() > VERSION) {
            problems.add("it was written by a newer version of Berth (format " + version.asInt() + "; this one knows "
                    + VERSION + "), so some settings may be lost when it is saved");
        }
        List<Connection> connections = new ArrayList<>();
        Map<ConnectionId, ObjectNode> extras = new LinkedHashMap<>();
        Set<ConnectionId> seen = new HashSet<>();
        int index = 0;
        for (JsonNode entry : list == null ? List.<JsonNode>of() : list) {
            index++;
            try {
                Connection connection = connection(entry);
                if (!seen.add(connection.id())) throw new IllegalArgumentException("its id is used twice");
                connections.add(connection);
                extras.put(connection.id(), unknownFields(entry, CONNECTION_FIELDS));
            } catch (IllegalArgumentException | DateTimeException e) {
                problems.add("connection " + index + describe(entry) + ": " + e.getMessage());
            }
        }
        return new Decoded(connections, extras, unknownFields(root, TOP_LEVEL_FIELDS), problems);
    }

    static byte[] encode(List<Connection> connections, Map<ConnectionId, ObjectNode> extraFields, ObjectNode extraTopLevel) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("connections");
        for (Connection connection : connections) {
            ObjectNode node = connection(connection);
            ObjectNode extra = extraFields.get(connection.id());
            if (extra != null) extra.properties().forEach(field -> node.putIfAbsent(field.getKey(), field.getValue()));
            list.add(node);
        }
        extraTopLevel.properties().forEach(field -> root.putIfAbsent(field.getKey(), field.getValue()));
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JacksonException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    // Writing

    private static ObjectNode connection(Connection c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", c.id().value());
        node.put("name", c.name());
        node.put("registry", c.registry());
        node.put("auth", lower(c.auth()));
        c.username().ifPresent(u -> node.put("username", u));
        node.put("plainHttp", c.plainHttp());
        node.put("allowInsecureRemote", c.allowInsecureRemote());
        ArrayNode repositories = node.putArray("repositories");
        c.repositories().forEach(repositories::add);
        if (!c.tls().equals(TlsOptions.system())) node.set("tls", tls(c.tls()));
        c.lastProbe().ifPresent(probe -> node.set("lastProbe", probe(probe)));
        c.cleanupPolicy().ifPresent(policy -> node.set("cleanupPolicy", opaque(policy)));
        c.folder().ifPresent(folder -> node.put("folder", folder.toString()));
        return node;
    }

    /** The policy is the cleanup layer's JSON: nested as an object so the file stays readable, else kept as a string. */
    private static JsonNode opaque(String policy) {
        try {
            JsonNode tree = JSON.readTree(policy);
            if (tree != null && tree.isObject()) return tree;
        } catch (JacksonException notJson) {
            // kept verbatim below: this layer does not judge what the cleanup layer saved
        }
        return JSON.getNodeFactory().textNode(policy);
    }

    private static Optional<String> opaque(JsonNode node) {
        if (node == null || node.isNull()) return Optional.empty();
        if (node.isTextual()) return Optional.of(node.asText());
        if (!node.isObject()) throw new IllegalArgumentException("\"cleanupPolicy\" is not a JSON object");
        return Optional.of(node.toString());
    }

    private static ObjectNode tls(TlsOptions tls) {
        ObjectNode node = JSON.createObjectNode();
        tls.caFile().ifPresent(file -> node.put("caFile", file.toString()));
        tls.clientCertificate().ifPresent(client -> {
            ObjectNode cert = node.putObject("clientCertificate");
            switch (client) {
                case ClientCertificateFiles.Pem pem -> cert.put("type", "pem")
                        .put("certificate", pem.certificate().toString())
                        .put("privateKey", pem.privateKey().toString());
                case ClientCertificateFiles.Pkcs12 p12 -> cert.put("type", "pkcs12").put("file", p12.file().toString());
            }
        });
        return node;
    }

    private static ObjectNode probe(ProbedCapabilities probe) {
        Capabilities caps = probe.capabilities();
        ObjectNode node = JSON.createObjectNode();
        node.put("probedAt", probe.probedAt().toString());
        node.put("auth", lower(caps.auth()));
        node.put("catalog", lower(caps.catalog()));
        node.put("deletes", lower(caps.deletes()));
        node.put("tagDeletion", lower(caps.tagDeletion()));
        node.put("referrersApi", lower(caps.referrersApi()));
        caps.sampleRepository().ifPresent(repo -> node.put("sampleRepository", repo));
        node.put("notes", caps.notes());
        return node;
    }

    // Reading

    private static Connection connection(JsonNode node) {
        if (!node.isObject()) throw new IllegalArgumentException("it is not a JSON object");
        return new Connection(
                new ConnectionId(text(node, "id")),
                text(node, "name"),
                text(node, "registry"),
                enumValue(AuthMode.class, node, "auth"),
                optionalText(node, "username"),
                tls(node.get("tls")),
                bool(node, "plainHttp"),
                bool(node, "allowInsecureRemote"),
                strings(node, "repositories"),
                probe(node.get("lastProbe")),
                opaque(node.get("cleanupPolicy")),
                optionalText(node, "folder").map(Path::of));
    }

    private static TlsOptions tls(JsonNode node) {
        if (node == null || node.isNull()) return TlsOptions.system();
        if (!node.isObject()) throw new IllegalArgumentException("\"tls\" is not a JSON object");
        Optional<Path> caFile = optionalText(node, "caFile").map(Path::of);
        JsonNode client = node.get("clientCertificate");
        if (client == null || client.isNull()) return new TlsOptions(caFile, Optional.empty());
        if (!client.isObject()) throw new IllegalArgumentException("\"clientCertificate\" is not a JSON object");
        ClientCertificateFiles files = switch (text(client, "type")) {
            case "pem" -> new ClientCertificateFiles.Pem(Path.of(text(client, "certificate")), Path.of(text(client, "privateKey")));
            case "pkcs12" -> new ClientCertificateFiles.Pkcs12(Path.of(text(client, "file")));
            default -> throw new IllegalArgumentException("unknown client certificate type '" + text(client, "type") + "'");
        };
        return new TlsOptions(caFile, Optional.of(files));
    }

    private static Optional<ProbedCapabilities> probe(JsonNode node) {
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isObject()) throw new IllegalArgumentException("\"lastProbe\" is not a JSON object");
        Capabilities caps = new Capabilities(
                enumValue(Capabilities.AuthScheme.class, node, "auth"),
                enumValue(Capabilities.Ability.class, node, "catalog"),
                enumValue(Capabilities.Ability.class, node, "deletes"),
                enumValue(Capabilities.TagDeletion.class, node, "tagDeletion"),
                enumValue(Capabilities.Ability.class, node, "referrersApi"),
                optionalText(node, "sampleRepository"),
                optionalText(node, "notes").orElse(""));
        return Optional.of(new ProbedCapabilities(caps, Instant.parse(text(node, "probedAt"))));
    }

    private static String text(JsonNode node, String field) {
        return optionalText(node, field).orElseThrow(() -> new IllegalArgumentException("\"" + field + "\" is missing"));
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return Optional.empty();
        if (!value.isTextual()) throw new IllegalArgumentException("\"" + field + "\" is not a string");
        return Optional.of(value.asText());
    }

    /** Absent means false: a file written before a flag existed meant "off". */
    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw new IllegalArgumentException("\"" + field + "\" is not true or false");
        return value.asBoolean();
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return List.of();
        if (!value.isArray()) throw new IllegalArgumentException("\"" + field + "\" is not a list");
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) throw new IllegalArgumentException("\"" + field + "\" holds something that is not a string");
            items.add(item.asText());
        }
        return items;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + field + "\" has the unknown value '" + value + "'");
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode unknownFields(JsonNode node, Set<String> known) {
        ObjectNode extra = JSON.createObjectNode();
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (!known.contains(field.getKey())) extra.set(field.getKey(), field.getValue().deepCopy());
            });
        }
        return extra;
    }

    /** Names the entry in a problem by its name when it has a readable one. */
    private static String describe(JsonNode entry) {
        JsonNode name = entry.isObject() ? entry.get("name") : null;
        if (name == null || !name.isTextual()) return "";
        String text = name.asText().replaceAll("\\p{Cntrl}", "?");
        return " (“" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "”)";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return "";
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
