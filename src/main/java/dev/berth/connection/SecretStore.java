package dev.berth.connection;

import dev.berth.registry.auth.Credentials;
import java.util.Optional;

/**
 * Where connection secrets (registry passwords, PKCS#12 passwords) are kept, so they never go into the
 * connections file. Either a Docker credential helper (the OS keychain, pass…) or, when none works,
 * memory for this session only; {@link #kind()} and {@link #description()} say which, so the UI can
 * tell the person.
 *
 * <p>Calls may run a helper process and wait on a keyring or passphrase prompt: never on the FX thread.
 */
public interface SecretStore {

    /** Whether secrets survive a restart. */
    enum Kind {
        /** A Docker credential helper: secrets are kept in the OS keychain or password store. */
        CREDENTIAL_HELPER,
        /** Memory: secrets are forgotten when Berth quits. */
        MEMORY
    }

    Kind kind();

    /** One or two sentences for the UI: where secrets are kept and, for memory, why and how to change that. */
    String description();

    default boolean isPersistent() {
        return kind() == Kind.CREDENTIAL_HELPER;
    }

    /** The secret stored under {@code key}; empty when there is none. */
    Optional<Credentials> get(SecretKey key) throws SecretStoreException;

    /**
     * Stores {@code secret} under {@code key}, replacing what was there.
     *
     * @throws IllegalArgumentException for anonymous credentials, which are nothing to store
     */
    void put(SecretKey key, Credentials secret) throws SecretStoreException;

    /** Removes the secret under {@code key}; false when there was none. */
    boolean erase(SecretKey key) throws SecretStoreException;
}
