package dev.berth.registry.http;

import dev.berth.work.CancelSignal;
import dev.berth.registry.RegistryException;
import dev.berth.registry.auth.Challenge;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.auth.GuardedDns;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.tls.TransportSecurity;
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
 * redirect from https to http is refused, a redirect to a link-local or cloud-metadata address is
 * refused, and the chain is bounded (traps T12, T13).
 *
 * <p>Each exchange, with everything it takes (token requests, redirects, retries and reading the
 * body), must end by its {@link Deadline}: the connection's timeout, stretched for a blob's size.
 */
public final class RegistryHttp {

    private static final int MAX_REDIRECTS = 5;

    private final OkHttpClient client;
    /** For hosts other than the registry's: their names must not resolve to link-local or metadata addresses. */
    private final OkHttpClient elsewhere;
    // For DELETE: OkHttp resends a request whose connection broke before the answer came, but a DELETE that did
    // its work then answers 404 and the deletion would be journaled as someone else's, so undo would skip it.
    private final OkHttpClient sendingOnce;
    private final HttpUrl base;
    private final Authorizer auth;
    private final HttpCalls calls;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final Pause pause;

    /** Waits before a retry; a seam so tests can see the back-off without waiting for it. */
    interface Pause {
        void pause(Duration duration, CancelSignal signal);
    }

    /**
     * @param timeout the connection's timeout: each exchange gets this long in all (plus time for a
     *     blob's bytes), not just each read
     */
    public RegistryHttp(OkHttpClient client, HttpUrl base, Authorizer auth, HttpCalls calls, RetryPolicy retry,
            Duration timeout) {
        this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
        this.elsewhere = this.client.newBuilder().dns(new GuardedDns(client.dns())).build();
        this.sendingOnce = this.client.newBuilder().retryOnConnectionFailure(false).build();
        this.base = base;
        this.auth = auth;
        this.calls = calls;
        this.retry = retry;
        this.timeout = timeout;
        this.pause = RegistryHttp::sleep;
    }

    private RegistryHttp(RegistryHttp other, HttpCalls calls, Pause pause) {
        this.client = other.client;
        this.elsewhere = other.elsewhere;
        this.sendingOnce = other.sendingOnce;
        this.base = other.base;
        this.auth = other.auth;
        this.calls = calls;
        this.retry = other.retry;
        this.timeout = other.timeout;
        this.pause = pause;
    }

    /** The same connection, with calls aborted when {@code signal} is cancelled. */
    public RegistryHttp withCancel(CancelSignal signal) {
        return new RegistryHttp(this, calls.withSignal(signal), pause);
    }

    /** The same connection, waiting before retries with {@code other} (tests record the back-off). */
    RegistryHttp pausingWith(Pause other) {
        return new RegistryHttp(this, calls, other);
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
        // Every call of this exchange, token requests included, shares one deadline.
        HttpCalls calls = this.calls.within(Deadline.start(timeout, exchange.transferBytes(), this.calls.remedies()));
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
                OkHttpClient sender = !sameOrigin(url, base) ? elsewhere : method.equals("DELETE") ? sendingOnce : client;
                response = calls.execute(sender.newCall(request.build()), describe(url));
            } catch (CancellationException e) {
                throw e;
            } catch (GuardedDns.LinkLocalOnly e) {
                throw refusedRedirect(url);
            } catch (IOException e) {
                calls.rethrowIfCancelled(e);
                Duration wait = retry.backoff(attempt);
                if (exchange.isIdempotent() && isRetryable(e) && attempt < retry.maxAttempts() && calls.leavesTimeAfter(wait)) {
                    pause.pause(wait, calls.signal());
                    attempt++;
                    continue;
                }
                throw calls.failure(e, describe(url));
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
                Optional<Duration> asked = ErrorResponses.retryAfter(response); // RFC 9110 allows it on 429 and 503
                Duration wait = asked.isPresent() ? asked.get() : retry.backoff(attempt);
                if (wait.compareTo(retry.maxRetryAfter()) <= 0 && calls.leavesTimeAfter(wait)) {
                    response.close();
                    pause.pause(wait, calls.signal());
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
        if (!sameOrigin(next, base) && TransportSecurity.isLinkLocalOrMetadata(next.host())) {
            response.close();
            throw refusedRedirect(next);
        }
        return next;
    }

    /** A registry has no business sending Berth to the machine's cloud credentials (T13, as for token realms). */
    private RegistryException.Refused refusedRedirect(HttpUrl target) {
        return new RegistryException.Refused(describe(base) + " redirected Berth to " + describe(target) + ", a link-local "
                + "or cloud-metadata address; Berth did not follow. Check the registry's storage configuration.");
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private static boolean isTemporaryStatus(int code) {
        return code == 429 || code == 502 || code == 503 || code == 504;
    }

    private static boolean isRetryable(IOException e) {
        // A read timeout already cost the full timeout; retrying would multiply the wait. A RegistryException
        // (the deadline passed) has already been decided.
        return !(e instanceof SocketTimeoutException) && !(e instanceof javax.net.ssl.SSLException)
                && !(e instanceof java.net.UnknownHostException) && !(e instanceof RegistryException);
    }

    static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    private static void sleep(Duration duration, CancelSignal signal) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            signal.throwIfCancelled();
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
