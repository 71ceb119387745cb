package dev.berth.registry.http;

import dev.berth.registry.RegistryException;
import dev.berth.registry.auth.BearerToken;
import dev.berth.registry.auth.Challenge;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.auth.RealmGuard;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.auth.TokenCache;
import dev.berth.registry.auth.TokenClient;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Knows how one connection authenticates: learns the scheme from the registry's first challenge,
 * then puts basic credentials or a cached bearer token (for the request's scopes) on requests to
 * the registry's own origin only.
 */
public final class Authorizer {

    private final Credentials credentials;
    private final TokenClient tokens;
    private final TokenCache cache;
    private final RealmGuard guard;
    private volatile Challenge challenge;

    public Authorizer(Credentials credentials, TokenClient tokens, TokenCache cache, RealmGuard guard) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.cache = cache;
        this.guard = guard;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** The challenge learnt so far: what scheme the registry wants, if it wants any. */
    public Optional<Challenge> challenge() {
        return Optional.ofNullable(challenge);
    }

    /** The Authorization header for a request needing {@code scopes}, once the scheme is known. */
    public Optional<String> header(Set<Scope> scopes, HttpCalls calls) throws RegistryException {
        Challenge known = challenge;
        if (known == null) return Optional.empty();
        if (known.isBasic()) return basicHeader();
        if (known.isBearer()) {
            HttpUrl realm = guard.check(known.realm().orElseThrow());
            String service = known.service().orElse("");
            Optional<BearerToken> cached = cache.get(realm.toString(), service, scopes);
            BearerToken token = cached.isPresent() ? cached.get() : fetch(realm, service, scopes, calls);
            return Optional.of("Bearer " + token.value());
        }
        return Optional.empty();
    }

    /**
     * Drops the cached token for {@code scopes} after the registry refused it: it must not be sent again
     * (permissions may have been granted since, or the token revoked), the next request gets a fresh one.
     */
    public void forget(Set<Scope> scopes) {
        Challenge known = challenge;
        if (known == null || !known.isBearer() || known.realm().isEmpty()) return;
        HttpUrl realm = HttpUrl.parse(known.realm().get());
        if (realm != null) cache.remove(realm.toString(), known.service().orElse(""), scopes);
    }

    private BearerToken fetch(HttpUrl realm, String service, Set<Scope> scopes, HttpCalls calls) throws RegistryException {
        BearerToken token = tokens.fetch(realm, service, scopes, credentials, calls);
        cache.put(realm.toString(), service, scopes, token);
        return token;
    }

    private Optional<String> basicHeader() {
        return switch (credentials) {
            case Credentials.Basic b -> Optional.of(okhttp3.Credentials.basic(b.username(), b.secret(), StandardCharsets.UTF_8));
            case Credentials.IdentityToken t ->
                    Optional.of(okhttp3.Credentials.basic(t.username(), t.refreshToken(), StandardCharsets.UTF_8));
            case Credentials.Anonymous a -> Optional.empty();
        };
    }

    /**
     * Reacts to a 401. Returns the scopes to retry with, or empty when retrying cannot help (the
     * credentials were already sent and refused): one retry at most, never a loop.
     */
    public Optional<Set<Scope>> onUnauthorized(Response response, Set<Scope> scopes, boolean sentAuthorization)
            throws RegistryException {
        Optional<Challenge> offered = Challenge.parseAll(response.headers("WWW-Authenticate")).stream()
                .filter(c -> c.isBearer() || c.isBasic())
                .min((a, b) -> Boolean.compare(b.isBearer(), a.isBearer()));
        if (offered.isEmpty()) return Optional.empty();
        Challenge next = offered.get();
        if (next.isBearer() && next.realm().isEmpty()) {
            throw new RegistryException.ProtocolViolation("The registry asked for a bearer token without saying where to get one (no realm).");
        }
        if (next.isBasic()) {
            boolean canHelp = !sentAuthorization && !(credentials instanceof Credentials.Anonymous);
            challenge = next;
            return canHelp ? Optional.of(scopes) : Optional.empty();
        }
        Set<Scope> wanted = Scope.union(scopes, next.scopes());
        challenge = next;
        if (!sentAuthorization) return Optional.of(wanted);
        if (next.isInsufficientScope() && !wanted.equals(scopes)) return Optional.of(wanted);
        return Optional.empty();
    }
}
