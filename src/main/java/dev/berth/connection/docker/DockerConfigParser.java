package dev.berth.connection.docker;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.connection.docker.DockerConfig.AuthEntry;
import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns config.json into a {@link DockerConfig}. Works on Jackson's tree rather than data binding
 * so every problem can be described in our own words: Jackson's messages quote the offending
 * token, which in this file is likely a password.
 */
final class DockerConfigParser {

    /** Real files are a few KiB; anything this big is not a Docker config. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** Docker's marker username meaning "the secret is an identity token". */
    static final String TOKEN_USERNAME = "<token>";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private DockerConfigParser(Path file) {
        this.file = file;
    }

    static DockerConfig read(Path file) throws DockerConfigException {
        return new DockerConfigParser(file).parse(readBytes(file));
    }

    private static byte[] readBytes(Path file) throws DockerConfigException {
        if (Files.isDirectory(file)) throw new DockerConfigException(file, "is a directory, not a file");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new DockerConfigException(file, "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (DockerConfigException e) {
            throw e;
        } catch (IOException e) {
            // NIO messages name the path and the OS error, never file content.
            throw new DockerConfigException(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private DockerConfig parse(byte[] bytes) throws DockerConfigException {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return DockerConfig.empty(file); // Docker accepts an empty file too
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw problem("is not valid JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw problem("cannot be parsed");
        }
        if (root == null || !root.isObject()) throw problem("the top level is not a JSON object");
        return new DockerConfig(
                file, auths(root.get("auths")), credsStore(root.get("credsStore")), credHelpers(root.get("credHelpers")));
    }

    private Map<String, AuthEntry> auths(JsonNode node) throws DockerConfigException {
        Map<String, AuthEntry> auths = new LinkedHashMap<>();
        if (isAbsent(node)) return auths;
        if (!node.isObject()) throw problem("\"auths\" is not a JSON object");
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (DockerHosts.normalise(key).isEmpty()) continue; // nothing could ever match it
            auths.put(key, new AuthEntry(key, credentials(key, field.getValue())));
        }
        return auths;
    }

    private Optional<Credentials> credentials(String key, JsonNode entry) throws DockerConfigException {
        String where = "auths[" + quote(key) + "]";
        if (isAbsent(entry)) return Optional.empty();
        if (!entry.isObject()) throw problem(where + " is not a JSON object");
        Optional<String> auth = text(entry, "auth", where).filter(s -> !s.isBlank());
        // "auth" wins over the separate username/password fields, as in Docker.
        UserPass userPass = auth.isPresent()
                ? decodeAuth(auth.get(), where)
                : new UserPass(text(entry, "username", where).orElse(""), text(entry, "password", where).orElse(""));
        String username = userPass.username();
        Optional<String> identityToken = text(entry, "identitytoken", where).filter(s -> !s.isEmpty());
        if (identityToken.isPresent()) {
            String user = username.isEmpty() ? TOKEN_USERNAME : username;
            return Optional.of(new Credentials.IdentityToken(user, identityToken.get()));
        }
        if (username.isEmpty()) return Optional.empty(); // an empty marker entry, or nothing usable
        return Optional.of(Credentials.basic(username, userPass.password()));
    }

    private record UserPass(String username, String password) {
        @Override
        public String toString() {
            return "UserPass(" + username + ", ****)";
        }
    }

    /** {@code base64("user:password")}, split at the first colon. */
    private UserPass decodeAuth(String auth, String where) throws DockerConfigException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(auth.strip());
        } catch (IllegalArgumentException e) {
            throw problem(where + ".auth is not valid base64");
        }
        String decoded = new String(raw, StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':'); // the first one: passwords may contain more
        if (colon < 0) throw problem(where + ".auth does not decode to \"user:password\"");
        return new UserPass(decoded.substring(0, colon), stripNul(decoded.substring(colon + 1)));
    }

    /** Docker trims NULs from the decoded password; some old writers padded with them. */
    private static String stripNul(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '\0') start++;
        while (end > start && s.charAt(end - 1) == '\0') end--;
        return s.substring(start, end);
    }

    private Optional<String> credsStore(JsonNode node) throws DockerConfigException {
        if (isAbsent(node)) return Optional.empty();
        if (!node.isTextual()) throw problem("\"credsStore\" is not a string");
        String suffix = node.asText().strip();
        if (suffix.isEmpty()) return Optional.empty(); // Docker: empty means "no store"
        return Optional.of(helperName(suffix, "\"credsStore\""));
    }

    private Map<String, String> credHelpers(JsonNode node) throws DockerConfigException {
        Map<String, String> helpers = new LinkedHashMap<>();
        if (isAbsent(node)) return helpers;
        if (!node.isObject()) throw problem("\"credHelpers\" is not a JSON object");
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String where = "credHelpers[" + quote(field.getKey()) + "]";
            if (!field.getValue().isTextual()) throw problem(where + " is not a string");
            String host = DockerHosts.normalise(field.getKey());
            String suffix = field.getValue().asText().strip();
            if (host.isEmpty() || suffix.isEmpty()) continue;
            helpers.putIfAbsent(host, helperName(suffix, where));
        }
        return helpers;
    }

    private String helperName(String suffix, String where) throws DockerConfigException {
        // The suffix becomes part of a program name: refuse anything that could be a path.
        if (!CredentialHelper.isValidSuffix(suffix)) {
            throw problem(where + " is not a valid credential helper name: " + quote(suffix));
        }
        return suffix;
    }

    private Optional<String> text(JsonNode entry, String field, String where) throws DockerConfigException {
        JsonNode node = entry.get(field);
        if (isAbsent(node)) return Optional.empty();
        if (!node.isTextual()) throw problem(where + "." + field + " is not a string");
        return Optional.of(node.asText());
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) return "";
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Keys and helper names are not secret, but keep them short and printable in messages. */
    private static String quote(String s) {
        String printable = s.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return "\"" + (printable.length() > 80 ? printable.substring(0, 80) + "…" : printable) + "\"";
    }

    private DockerConfigException problem(String what) {
        return new DockerConfigException(file, what);
    }
}
