package dev.berth.connection.docker;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.connection.docker.CredentialHelperException.Reason;
import dev.berth.registry.auth.Credentials;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Client for one Docker credential helper ({@code docker-credential-<suffix>}), speaking the
 * protocol of docker/docker-credential-helpers: the action is the only argument, input on stdin,
 * JSON on stdout, errors as text on stdout with a non-zero exit.
 *
 * <p>Immutable; the {@code with…} methods return adjusted copies.
 */
public final class CredentialHelper {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String suffix;
    private final Optional<Path> executable;
    private final Map<String, String> environment;
    private final Duration timeout;

    private CredentialHelper(String suffix, Optional<Path> executable, Map<String, String> environment, Duration timeout) {
        this.suffix = suffix;
        this.executable = executable;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    /** The helper {@code docker-credential-<suffix>}, looked up on PATH when it is first run. */
    public static CredentialHelper named(String suffix) {
        if (!isValidSuffix(suffix)) throw new IllegalArgumentException("not a credential helper name: " + suffix);
        return new CredentialHelper(suffix, Optional.empty(), Map.of(), DEFAULT_TIMEOUT);
    }

    /** Whether {@code suffix} can name a helper: letters, digits, {@code . _ -}, never a path. */
    public static boolean isValidSuffix(String suffix) {
        return SUFFIX.matcher(suffix).matches();
    }

    /** Runs this program instead of searching PATH. */
    public CredentialHelper withExecutable(Path program) {
        return new CredentialHelper(suffix, Optional.of(program), environment, timeout);
    }

    /**
     * Adds variables to the helper's environment (on top of Berth's own), e.g. GNUPGHOME and
     * PASSWORD_STORE_DIR for pass. A PATH given here is also the PATH the helper is searched on.
     */
    public CredentialHelper withEnvironment(Map<String, String> extra) {
        return new CredentialHelper(suffix, executable, extra, timeout);
    }

    public CredentialHelper withTimeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) throw new IllegalArgumentException("timeout must be positive");
        return new CredentialHelper(suffix, executable, environment, limit);
    }

    public String suffix() {
        return suffix;
    }

    /** e.g. {@code docker-credential-pass}. */
    public String program() {
        return "docker-credential-" + suffix;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * The credentials stored for {@code serverUrl}, matched exactly as written (helpers do not
     * normalise URLs). Empty when the helper has none: either the documented "credentials not
     * found" error or, from Debian's docker-credential-pass 0.6.4, success with empty fields.
     */
    public Optional<Credentials> get(String serverUrl) throws CredentialHelperException {
        HelperProcess.Result result = run("get", utf8(serverUrl));
        if (result.exitCode() != 0) {
            if (HelperErrors.isNotFound(result.stdout())) return Optional.empty();
            throw failed("get", result, List.of());
        }
        JsonNode answer = parseObject("get", result.stdout());
        String username = field(answer, "Username", "get");
        String secret = field(answer, "Secret", "get");
        if (username.isEmpty() && secret.isEmpty()) return Optional.empty();
        if (username.equals(DockerConfigParser.TOKEN_USERNAME)) {
            return Optional.of(new Credentials.IdentityToken(username, secret));
        }
        if (username.isEmpty()) {
            throw new CredentialHelperException(program(), Reason.BAD_OUTPUT,
                    program() + " get returned a secret without a username for " + serverUrl);
        }
        return Optional.of(Credentials.basic(username, secret));
    }

    /**
     * Stores credentials for {@code serverUrl}, replacing what was there. An identity token is
     * stored the way Docker stores it: username {@code <token>}, the token as secret.
     */
    public void store(String serverUrl, Credentials credentials) throws CredentialHelperException {
        String username;
        String secret;
        switch (credentials) {
            case Credentials.Basic basic -> {
                username = basic.username();
                secret = basic.secret();
            }
            case Credentials.IdentityToken token -> {
                username = DockerConfigParser.TOKEN_USERNAME;
                secret = token.refreshToken();
            }
            case Credentials.Anonymous anonymous ->
                throw new IllegalArgumentException("anonymous access has nothing to store");
        }
        // docker-credential-pass keeps one entry per (URL, username) and `get` answers with the
        // alphabetically first, so a new username stored next to an old one may never be seen
        // (and the old password would linger). `list` reveals the existing username without
        // decrypting anything, so no passphrase prompt; replace a different one explicitly.
        Optional<String> existing = listedUsername(serverUrl);
        if (existing.isPresent() && !existing.get().equals(username)) erase(serverUrl);
        storeOnce(serverUrl, username, secret);
    }

    /**
     * The username {@code list} reports for a URL. Listing is only a precaution: when the helper
     * answers with an error (some do not implement {@code list}) the store goes ahead; when it
     * hangs or is missing, storing would fare no better, so that is reported.
     */
    private Optional<String> listedUsername(String serverUrl) throws CredentialHelperException {
        try {
            return Optional.ofNullable(list().get(serverUrl));
        } catch (CredentialHelperException e) {
            if (e.reason() == Reason.FAILED || e.reason() == Reason.BAD_OUTPUT) return Optional.empty();
            throw e;
        }
    }

    private void storeOnce(String serverUrl, String username, String secret) throws CredentialHelperException {
        ObjectNode json = JSON.createObjectNode()
                .put("ServerURL", serverUrl)
                .put("Username", username)
                .put("Secret", secret);
        HelperProcess.Result result = run("store", utf8(json.toString()));
        if (result.exitCode() != 0) throw failed("store", result, List.of(secret));
    }

    /** Removes the credentials for {@code serverUrl}; false when there were none. */
    public boolean erase(String serverUrl) throws CredentialHelperException {
        HelperProcess.Result result = run("erase", utf8(serverUrl));
        if (result.exitCode() == 0) return true;
        if (HelperErrors.isNotFound(result.stdout())) return false;
        throw failed("erase", result, List.of());
    }

    /** Every server URL the helper has credentials for, with its username (never secrets). */
    public Map<String, String> list() throws CredentialHelperException {
        HelperProcess.Result result = run("list", new byte[0]);
        if (result.exitCode() != 0) throw failed("list", result, List.of());
        Map<String, String> urls = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : parseObject("list", result.stdout()).properties()) {
            if (!entry.getValue().isTextual()) throw badOutput("list", "a username that is not a string");
            urls.put(entry.getKey(), entry.getValue().asText());
        }
        return urls;
    }

    private HelperProcess.Result run(String action, byte[] stdin) throws CredentialHelperException {
        Path program = resolve();
        try {
            return HelperProcess.run(program, action, environment, stdin, timeout);
        } catch (TimeoutException e) {
            throw new CredentialHelperException(program(), Reason.TIMED_OUT, program() + " " + action
                    + " did not answer within " + describe(timeout) + " and was stopped; it may be waiting"
                    + " for a passphrase prompt or a locked keyring");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialHelperException(program(), Reason.INTERRUPTED, program() + " " + action
                    + " was interrupted and stopped");
        } catch (IOException e) {
            // Start failures (permission denied, bad interpreter) name the path, not any input.
            throw new CredentialHelperException(program(), Reason.FAILED, program() + " " + action
                    + " could not be started: " + e.getMessage());
        }
    }

    private Path resolve() throws CredentialHelperException {
        if (executable.isPresent()) {
            if (!Files.isExecutable(executable.get())) {
                throw new CredentialHelperException(program(), Reason.NOT_INSTALLED,
                        HelperErrors.notInstalled(program(), suffix) + " (looked for " + executable.get() + ")");
            }
            return executable.get();
        }
        String path = environment.getOrDefault("PATH", Objects.requireNonNullElse(System.getenv("PATH"), ""));
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            for (String name : windows ? List.of(program() + ".exe", program()) : List.of(program())) {
                try {
                    Path candidate = Path.of(dir, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
                } catch (InvalidPathException e) {
                    // A malformed PATH entry: skip it like a shell would.
                }
            }
        }
        throw new CredentialHelperException(program(), Reason.NOT_INSTALLED, HelperErrors.notInstalled(program(), suffix));
    }

    private JsonNode parseObject(String action, String stdout) throws CredentialHelperException {
        try {
            JsonNode node = JSON.readTree(stdout);
            if (node != null && node.isObject()) return node;
        } catch (JacksonException e) {
            // fall through: never quote the output, a malformed answer may still hold a secret
        }
        throw badOutput(action, "output that is not a JSON object");
    }

    private String field(JsonNode answer, String name, String action) throws CredentialHelperException {
        JsonNode value = answer.get(name);
        if (value == null || value.isNull()) return "";
        if (!value.isTextual()) throw badOutput(action, "a \"" + name + "\" that is not a string");
        return value.asText();
    }

    private CredentialHelperException badOutput(String action, String what) {
        return new CredentialHelperException(program(), Reason.BAD_OUTPUT,
                program() + " " + action + " returned " + what + " (output not shown: it may contain secrets)");
    }

    private CredentialHelperException failed(String action, HelperProcess.Result result, List<String> secrets) {
        return new CredentialHelperException(program(), Reason.FAILED, program() + " " + action
                + " failed (exit " + result.exitCode() + "): "
                + HelperErrors.detail(result.stdout(), result.stderr(), secrets));
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return program() + executable.map(p -> " at " + p).orElse("") + ", timeout " + describe(timeout);
    }
}
