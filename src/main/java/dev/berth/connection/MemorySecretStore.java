package dev.berth.connection;

import dev.berth.registry.auth.Credentials;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps secrets in memory for this session only, for machines where no credential helper works. The
 * description says so, and why, so the person is never surprised to be asked again after a restart.
 */
public final class MemorySecretStore implements SecretStore {

    private final Map<SecretKey, Credentials> secrets = new ConcurrentHashMap<>();
    private final String reason;

    /** @param reason why no credential helper is used, e.g. what the last one tried said; shown to the person */
    public MemorySecretStore(String reason) {
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why secrets are only kept in memory. */
    public String reason() {
        return reason;
    }

    @Override
    public Kind kind() {
        return Kind.MEMORY;
    }

    @Override
    public String description() {
        return "Passwords are kept only until Berth quits: " + reason;
    }

    @Override
    public Optional<Credentials> get(SecretKey key) {
        return Optional.ofNullable(secrets.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public void put(SecretKey key, Credentials secret) {
        Objects.requireNonNull(key, "key");
        if (secret instanceof Credentials.Anonymous) throw new IllegalArgumentException("anonymous access has nothing to store");
        secrets.put(key, Objects.requireNonNull(secret, "secret"));
    }

    @Override
    public boolean erase(SecretKey key) {
        return secrets.remove(Objects.requireNonNull(key, "key")) != null;
    }

    @Override
    public String toString() {
        return "MemorySecretStore[" + secrets.size() + " secrets]";
    }
}
