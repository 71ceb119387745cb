package dev.berth.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.registry.OciError;
import dev.berth.registry.RegistryException;
import dev.berth.registry.http.ErrorResponses;
import dev.berth.registry.http.HttpCalls;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Gets bearer tokens from a registry's token service: GET with basic credentials (or none, for
 * an anonymous token), or the OAuth2 POST when holding an identity/refresh token. Token requests
 * never follow redirects: a redirect would carry the credentials somewhere the guard never saw.
 */
public final class TokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_EXPIRES_IN = 60;
    private static final int MAX_TOKEN_RESPONSE = 1 << 20;

    private final OkHttpClient http;
    private final Clock clock;

    public TokenClient(OkHttpClient http, Clock clock) {
        this.http = http.newBuilder().followRedirects(false).followSslRedirects(false)
                .dns(new GuardedDns(http.dns())).build();
        this.clock = clock;
    }

    /** Fetches a token for {@code scopes} at the (already guarded) {@code realm}. */
    public BearerToken fetch(HttpUrl realm, String service, Set<Scope> scopes, Credentials credentials,
            HttpCalls calls) throws RegistryException {
        if (credentials instanceof Credentials.IdentityToken identity) {
            try {
                return oauth(realm, service, scopes, identity, calls);
            } catch (RegistryException.NotFound | RegistryException.Unsupported e) {
                // Token services without the OAuth2 endpoint (404/405): Docker falls back to GET.
                return get(realm, service, scopes,
                        new Credentials.Basic(identity.username(), identity.refreshToken()), calls);
            }
        }
        return get(realm, service, scopes, credentials, calls);
    }

    private BearerToken get(HttpUrl realm, String service, Set<Scope> scopes,
            Credentials credentials, HttpCalls calls) throws RegistryException {
        HttpUrl.Builder url = realm.newBuilder();
        if (!service.isEmpty()) url.addQueryParameter("service", service);
        for (Scope scope : scopes) url.addQueryParameter("scope", scope.toString());
        Request.Builder request = new Request.Builder().url(url.build()).get();
        if (credentials instanceof Credentials.Basic basic) {
            request.header("Authorization", okhttp3.Credentials.basic(basic.username(), basic.secret(), UTF_8));
        }
        return exchange(request.build(), realm, calls, credentials);
    }

    private BearerToken oauth(HttpUrl realm, String service, Set<Scope> scopes,
            Credentials.IdentityToken identity, HttpCalls calls) throws RegistryException {
        FormBody form = new FormBody.Builder()
                .add("grant_type", "refresh_token")
                .add("refresh_token", identity.refreshToken())
                .add("service", service)
                .add("client_id", "berth")
                .add("scope", scopes.stream().map(Scope::toString).collect(Collectors.joining(" ")))
                .build();
        return exchange(new Request.Builder().url(realm).post(form).build(), realm, calls, identity);
    }

    private BearerToken exchange(Request request, HttpUrl realm, HttpCalls calls,
            Credentials credentials) throws RegistryException {
        String where = realm.newBuilder().query(null).build().toString();
        try (Response response = calls.execute(http.newCall(request), where)) {
            int code = response.code();
            if (code >= 300 && code < 400) {
                throw new RegistryException.Refused("The token service " + where + " answered with a redirect; "
                        + "Berth does not follow redirects with credentials. Check the registry's auth configuration.");
            }
            if (code == 401 || code == 403) {
                List<OciError> errors = ErrorResponses.readErrors(response);
                String who = credentials instanceof Credentials.Anonymous
                        ? "Anonymous access was refused by the token service " + where + ": add a username and password or token to this connection."
                        : "The token service " + where + " rejected the credentials (" + credentials
                                + "): check the username and password or token.";
                throw new RegistryException.Unauthorized(who, code, errors);
            }
            if (code != 200) {
                throw ErrorResponses.toException(response, "get a token from " + where, credentials);
            }
            byte[] body = ErrorResponses.readBounded(response, MAX_TOKEN_RESPONSE);
            return parse(body, where);
        } catch (GuardedDns.LinkLocalOnly e) {
            throw new RegistryException.Refused("Berth will not send credentials to the token service " + where
                    + ": " + e.getMessage() + ". Check the registry's auth configuration.");
        } catch (IOException e) {
            if (e instanceof RegistryException re) throw re;
            throw calls.failure(e, where);
        }
    }

    private BearerToken parse(byte[] body, String where) throws RegistryException {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new RegistryException.ProtocolViolation("The token service " + where + " did not answer with JSON.");
        }
        String token = json.path("token").asText("");
        if (token.isEmpty()) token = json.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new RegistryException.ProtocolViolation("The token service " + where + " answered without a token.");
        }
        long expiresIn = json.path("expires_in").asLong(DEFAULT_EXPIRES_IN);
        // The spec says a shorter lifetime than 60 s is to be taken as 60 s.
        if (expiresIn < DEFAULT_EXPIRES_IN) expiresIn = DEFAULT_EXPIRES_IN;
        Instant issuedAt = clock.instant();
        return new BearerToken(token, issuedAt.plusSeconds(expiresIn));
    }
}
