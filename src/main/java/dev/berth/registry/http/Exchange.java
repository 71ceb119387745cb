package dev.berth.registry.http;

import dev.berth.registry.auth.Scope;
import java.util.Objects;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;

/**
 * One request to the registry with what the executor needs to know about it: the scopes its
 * token needs, the action in words (for error messages), extra statuses the caller handles itself,
 * whether it may be retried, and how many bytes its body is known to move (a blob's size), which
 * stretches its {@link Deadline}.
 */
public record Exchange(
        String method,
        HttpUrl url,
        Headers headers,
        RequestBody body,
        Set<Scope> scopes,
        String action,
        Set<Integer> handledStatuses,
        boolean followRedirects,
        long transferBytes) {

    public Exchange {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(action, "action");
        handledStatuses = Set.copyOf(handledStatuses);
        if (transferBytes < 0) throw new IllegalArgumentException("transferBytes must not be negative");
    }

    public static Exchange get(HttpUrl url, Set<Scope> scopes, String action) {
        return new Exchange("GET", url, Headers.of(), null, scopes, action, Set.of(), true, 0);
    }

    public static Exchange head(HttpUrl url, Set<Scope> scopes, String action) {
        return new Exchange("HEAD", url, Headers.of(), null, scopes, action, Set.of(), true, 0);
    }

    public static Exchange of(String method, HttpUrl url, RequestBody body, Set<Scope> scopes, String action) {
        return new Exchange(method, url, Headers.of(), body, scopes, action, Set.of(), false, 0);
    }

    public Exchange withHeader(String name, String value) {
        return new Exchange(method, url, headers.newBuilder().set(name, value).build(), body, scopes, action,
                handledStatuses, followRedirects, transferBytes);
    }

    /** Statuses the caller wants back as a response rather than as an exception. */
    public Exchange handling(Integer... statuses) {
        return new Exchange(method, url, headers, body, scopes, action, Set.of(statuses), followRedirects, transferBytes);
    }

    /** The same exchange, given time to move {@code bytes} of body (a blob of known size) on top of the timeout. */
    public Exchange transferring(long bytes) {
        return new Exchange(method, url, headers, body, scopes, action, handledStatuses, followRedirects, bytes);
    }

    /** GET and HEAD: safe to send again after a temporary failure. */
    public boolean isIdempotent() {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** True when the body can be sent twice (a streamed upload chunk cannot). */
    public boolean isReplayable() {
        return body == null || !body.isOneShot();
    }
}
