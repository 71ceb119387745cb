package dev.berth.registry.http;

import dev.berth.registry.CancelSignal;
import dev.berth.registry.RegistryException;
import dev.berth.registry.auth.Challenge;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.auth.Scope;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends requests to one registry: authenticates, follows redirects itself, retries what is safe
 * to retry, and maps failures to {@link RegistryException}s.
 *
 * <p>Redirects are followed here rather than by OkHttp so the rules are explicit: Authorization
 * goes only to the registry's own origin (never to the storage host a blob redirects to), a
 * redirect from https to http is refused, and the chain is bounded (traps T12, T13).
 */
public final class RegistryHttp {

    private static final int MAX_REDIRECTS = 5;

    private final OkHttpClient client;
    // For DELETE: OkHttp resends a request whose connection broke before the answer came, but a DELETE that did
    // its work then answers 404 and the deletion would be journaled as someone else's, so undo would skip it.
    private final OkHttpClient sendingOnce;
    private final HttpUrl base;
    private final Authorizer auth;
    private final HttpCalls calls;
    private final RetryPolicy retry;

    public RegistryHttp(OkHttpClient client, HttpUrl base, Authorizer auth, HttpCalls calls, RetryPolicy retry) {
        this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
        this.sendingOnce = this.client.newBuilder().retryOnConnectionFailure(false).build();
        this.base = base;
        this.auth = auth;
        this.calls = calls;
        this.retry = retry;
    }

    private RegistryHttp(RegistryHttp other, HttpCalls calls) {
        this.client = other.client;
        this.sendingOnce = other.sendingOnce;
        this.base = other.base;
        this.auth = other.auth;
        this.calls = calls;
        this.retry = other.retry;
    }

    /** The same connection, with calls aborted when {@code signal} is cancelled. */
    public RegistryHttp withCancel(CancelSignal signal) {
        return new RegistryHttp(this, new HttpCalls(signal));
    }

    public HttpUrl baseUrl() {
        return base;
    }

    public Authorizer authorizer() {
        return auth;
    }

    public HttpCalls calls() {
        return calls;
    }

    public OkHttpClient client() {
        return client;
    }

    /** {@code /v2/} plus the given path; repository names keep their slashes (T17). */
    public HttpUrl.Builder v2(String path) {
        return base.newBuilder().encodedPath("/v2/").addPathSegments(path);
    }

    /**
     * Sends {@code exchange}. Returns the response if it is a 2xx (or a status the exchange says it
     * handles); the caller closes it. Anything else becomes a {@link RegistryException}.
     */
    public Response send(Exchange exchange) throws RegistryException {
        HttpUrl url = exchange.url();
        String method = exchange.method();
        Set<Scope> scopes = exchange.scopes();
        boolean authAllowed = true;
        int authRetries = 0; // learning the scheme, then at most one insufficient_scope upgrade
        int attempt = 1;
        int redirects = 0;
        while (true) {
            calls.signal().throwIfCancelled();
            Request.Builder request = new Request.Builder().url(url).headers(exchange.headers())
                    .method(method, method.equals(exchange.method()) ? exchange.body() : null);
            boolean sentAuthorization = false;
            if (authAllowed && sameOrigin(url, base)) {
                Optional<String> header = auth.header(scopes, calls);
                if (header.isPresent()) {
                    request.header("Authorization", header.get());
                    sentAuthorization = true;
                }
            }
            Response response;
            try {
                OkHttpClient sender = method.equals("DELETE") ? sendingOnce : client;
                response = calls.execute(sender.newCall(request.build()), describe(url));
            } catch (CancellationException e) {
                throw e;
            } catch (IOException e) {
                calls.rethrowIfCancelled(e);
                if (exchange.isIdempotent() && isRetryable(e) && attempt < retry.maxAttempts()) {
                    sleep(retry.backoff(attempt++));
                    continue;
                }
                throw HttpCalls.transportFailure(e, describe(url));
            }

            int code = response.code();
            if (exchange.handledStatuses().contains(code)) return response;
            if (isRedirect(code) && exchange.followRedirects()) {
                HttpUrl next = redirectTarget(response, url);
                response.close();
                if (++redirects > MAX_REDIRECTS) {
                    throw new RegistryException.ProtocolViolation("Too many redirects from " + describe(exchange.url())
                            + " trying to " + exchange.action() + ".");
                }
                if (!sameOrigin(next, base)) authAllowed = false; // never again, even if it comes back
                if (code == 303) method = "GET";
                url = next;
                continue;
            }
            if (code == 401 && sentAuthorization) auth.forget(scopes);
            if (code == 401 && authRetries < 2 && exchange.isReplayable() && sameOrigin(url, base)) {
                Optional<Set<Scope>> retryScopes = auth.onUnauthorized(response, scopes, sentAuthorization);
                if (retryScopes.isPresent()) {
                    response.close();
                    authRetries++;
                    scopes = retryScopes.get();
                    continue;
                }
            }
            if (code >= 200 && code < 300) return response;
            if (code == 401 && sentAuthorization && !(auth.credentials() instanceof Credentials.Anonymous)
                    && Challenge.parseAll(response.headers("WWW-Authenticate")).stream().anyMatch(Challenge::isInsufficientScope)) {
                // Signed in, token issued, but it lacks the action: a permission problem, not a wrong password.
                try (response) {
                    throw ErrorResponses.insufficientScope(response, exchange.action());
                }
            }
            if (exchange.isIdempotent() && isTemporaryStatus(code) && attempt < retry.maxAttempts()) {
                Optional<Duration> wait = code == 429 ? ErrorResponses.retryAfter(response) : Optional.empty();
                if (wait.isEmpty() || wait.get().compareTo(retry.maxRetryAfter()) <= 0) {
                    response.close();
                    sleep(wait.orElseGet(() -> retry.backoff(1)));
                    attempt++;
                    continue;
                }
            }
            try (response) {
                throw ErrorResponses.toException(response, exchange.action(), auth.credentials());
            }
        }
    }

    private HttpUrl redirectTarget(Response response, HttpUrl from) throws RegistryException {
        String location = response.header("Location");
        HttpUrl next = location == null ? null : from.resolve(location);
        if (next == null) {
            response.close();
            throw new RegistryException.ProtocolViolation(describe(from) + " sent a redirect without a usable Location.");
        }
        if (from.isHttps() && !next.isHttps()) {
            response.close();
            throw new RegistryException.Refused("The registry redirected a secure request to plain http (" + next.host()
                    + "). Berth refuses to downgrade the connection.");
        }
        return next;
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private static boolean isTemporaryStatus(int code) {
        return code == 429 || code == 502 || code == 503 || code == 504;
    }

    private static boolean isRetryable(IOException e) {
        // A read timeout already cost the full timeout; retrying would multiply the wait.
        return !(e instanceof SocketTimeoutException) && !(e instanceof javax.net.ssl.SSLException)
                && !(e instanceof java.net.UnknownHostException);
    }

    static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    private void sleep(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            calls.signal().throwIfCancelled();
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
    }

    static String describe(HttpUrl url) {
        return url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
    }
}
