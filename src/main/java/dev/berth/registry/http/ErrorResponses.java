package dev.berth.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.registry.OciError;
import dev.berth.registry.RegistryException;
import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads error answers: at most 64 KiB of body, OCI JSON if it is JSON, plain text otherwise (Docker
 * Hub's 429 and Distribution's referrers 404 are text), mapped to the {@link RegistryException}
 * family with a message a person can act on.
 */
public final class ErrorResponses {

    public static final int MAX_ERROR_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {}

    /** Reads the whole body, failing if it is larger than {@code max} bytes (a hostile or broken server). */
    public static byte[] readBounded(Response response, long max) throws IOException {
        BufferedSource source = response.body().source();
        if (source.request(max + 1)) {
            throw new RegistryException.ProtocolViolation("The answer from " + response.request().url().host()
                    + " is larger than the " + max / 1024 + " KiB Berth accepts for it.", response.code(), List.of(), false);
        }
        return source.readByteArray();
    }

    /** Reads at most {@code max} bytes of the body, dropping the rest. */
    public static byte[] readAtMost(Response response, long max) {
        try {
            BufferedSource source = response.body().source();
            source.request(max);
            Buffer buffer = new Buffer();
            long available = Math.min(max, source.getBuffer().size());
            source.read(buffer, available);
            return buffer.readByteArray();
        } catch (IOException e) {
            return new byte[0]; // the error answer itself is what matters; a truncated body is fine
        }
    }

    public static List<OciError> readErrors(Response response) {
        return parseErrors(readAtMost(response, MAX_ERROR_BODY));
    }

    static List<OciError> parseErrors(byte[] body) {
        List<OciError> errors = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return errors;
        try {
            JsonNode root = JSON.readTree(text);
            if (root != null && root.path("errors").isArray()) {
                for (JsonNode e : root.path("errors")) {
                    errors.add(new OciError(e.path("code").asText(""), e.path("message").asText(""), detail(e.path("detail"))));
                }
                return errors;
            }
            if (root != null && root.isObject() && (root.has("message") || root.has("error"))) {
                errors.add(new OciError(root.path("code").asText(""),
                        root.path("message").asText(root.path("error").asText("")), ""));
                return errors;
            }
        } catch (IOException notJson) {
            // Plain-text error bodies are common; keep the text below.
        }
        errors.add(new OciError("", abbreviate(text), ""));
        return errors;
    }

    private static String detail(JsonNode detail) {
        if (detail.isMissingNode() || detail.isNull() || detail.isContainerNode() && detail.isEmpty()) return "";
        return abbreviate(detail.isTextual() ? detail.asText() : detail.toString());
    }

    /** Maps an unsuccessful answer to the exception a person can act on. */
    public static RegistryException toException(Response response, String action, Credentials credentials) {
        int code = response.code();
        List<OciError> errors = readErrors(response);
        String host = response.request().url().host() + portSuffix(response);
        String details = errors.isEmpty() ? "" : " (" + summary(errors) + ")";
        boolean unsupported = errors.stream().anyMatch(e -> e.code().equals("UNSUPPORTED"));
        if (code == 400 && !response.request().isHttps() && errors.stream().anyMatch(ErrorResponses::isHttpToHttpsPort)) {
            return new RegistryException.ProtocolViolation(host + " speaks https, but this connection uses plain http. "
                    + "Turn off plain HTTP for this connection (and trust the registry's certificate if it is private)"
                    + details + ".", code, errors, false);
        }
        if (code == 401) {
            String message = credentials instanceof Credentials.Anonymous
                    ? host + " requires you to sign in to " + action + ": add a username and password or token to this connection."
                    : host + " did not accept the credentials (" + credentials + ") to " + action
                            + ": check the username and password or token.";
            return new RegistryException.Unauthorized(message + details, code, errors);
        }
        if (code == 403) {
            return new RegistryException.Forbidden("You are signed in to " + host + " but not allowed to " + action
                    + details + ". Ask the registry's administrator for access.", code, errors);
        }
        if (code == 404) {
            return new RegistryException.NotFound("Not found on " + host + " when trying to " + action + details + ".",
                    code, errors);
        }
        if (code == 405 || unsupported) {
            String message = response.request().method().equals("DELETE")
                    ? "Deletion is disabled on this registry (" + host + "). Its administrator can enable it by starting "
                            + "it with REGISTRY_STORAGE_DELETE_ENABLED=true (storage.delete.enabled: true)."
                    : host + " does not support the request to " + action + details + ".";
            return new RegistryException.Unsupported(message, code, errors);
        }
        if (code == 429) {
            Optional<Duration> retryAfter = retryAfter(response);
            return new RegistryException.RateLimited(host + " is limiting the rate of requests"
                    + retryAfter.map(d -> "; try again in " + d.toSeconds() + " s").orElse("; try again later")
                    + details + ".", code, errors, retryAfter);
        }
        if (code >= 500) {
            return new RegistryException.ProtocolViolation(host + " had an internal error (" + code + ") trying to "
                    + action + details + ". Try again; if it persists, check the registry's logs.", code, errors, code != 501);
        }
        if (code == 400) {
            var tls = dev.berth.registry.tls.TlsFailureTranslator.translateResponse(code, summary(errors), host);
            if (tls.isPresent()) return new RegistryException.ProtocolViolation(tls.get().message(), code, errors, false);
        }
        return new RegistryException.ProtocolViolation(host + " refused the request to " + action + " (HTTP " + code + ")"
                + details + ".", code, errors, false);
    }

    /**
     * A 401 {@code insufficient_scope} answered to a token obtained with the person's credentials: they are
     * signed in, the token service just did not grant the action. Said as a permission problem (like a 403),
     * not as a wrong password.
     */
    public static RegistryException.Forbidden insufficientScope(Response response, String action) {
        List<OciError> errors = readErrors(response);
        String host = response.request().url().host() + portSuffix(response);
        String details = errors.isEmpty() ? "" : " (" + summary(errors) + ")";
        return new RegistryException.Forbidden("You are signed in to " + host + " but not allowed to " + action + details
                + ". Ask the registry's administrator for access.", response.code(), errors);
    }

    /** Go's "Client sent an HTTP request to an HTTPS server.", nginx's "The plain HTTP request was sent to HTTPS port". */
    private static boolean isHttpToHttpsPort(OciError error) {
        String text = error.message().toLowerCase(java.util.Locale.ROOT);
        return text.contains("http request") && text.contains("https");
    }

    /** {@code Retry-After} as a wait from now. */
    public static Optional<Duration> retryAfter(Response response) {
        return retryAfter(response, Clock.systemUTC());
    }

    /**
     * {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3), as a wait from {@code clock}'s
     * now; a date already past means no wait. Anything unreadable is no advice at all, never a huge wait.
     */
    static Optional<Duration> retryAfter(Response response, Clock clock) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) return Optional.empty();
        String text = value.trim();
        if (text.matches("-?\\d{1,18}")) return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        return HttpDates.parse(text).map(when -> {
            Duration wait = Duration.between(clock.instant(), when);
            return wait.isNegative() ? Duration.ZERO : wait;
        });
    }

    static String summary(List<OciError> errors) {
        return String.join("; ", errors.stream().map(OciError::toString).toList());
    }

    private static String portSuffix(Response response) {
        var url = response.request().url();
        return url.port() == okhttp3.HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
    }
}
