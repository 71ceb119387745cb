package dev.berth.registry.auth;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens by (realm, service, scope set), dropped shortly before they expire so a request never
 * leaves with a token that dies on the way.
 */
public final class TokenCache {

    private static final long EXPIRY_MARGIN_SECONDS = 10;

    private record Key(String realm, String service, String scopes) {}

    private final Map<Key, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    public Optional<BearerToken> get(String realm, String service, Set<Scope> scopes) {
        Key key = key(realm, service, scopes);
        BearerToken token = tokens.get(key);
        if (token == null) return Optional.empty();
        if (token.expiresWithin(clock.instant(), EXPIRY_MARGIN_SECONDS)) {
            tokens.remove(key, token);
            return Optional.empty();
        }
        return Optional.of(token);
    }

    public void put(String realm, String service, Set<Scope> scopes, BearerToken token) {
        tokens.put(key(realm, service, scopes), token);
    }

    /** Drops the token for these scopes, e.g. because the registry refused it. */
    public void remove(String realm, String service, Set<Scope> scopes) {
        tokens.remove(key(realm, service, scopes));
    }

    public void clear() {
        tokens.clear();
    }

    private static Key key(String realm, String service, Set<Scope> scopes) {
        return new Key(realm, service, new TreeSet<>(scopes).toString());
    }
}
