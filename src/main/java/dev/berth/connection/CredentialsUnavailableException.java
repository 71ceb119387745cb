package dev.berth.connection;

import java.io.IOException;
import java.util.Objects;

/**
 * The credentials a connection is set up to use cannot be had. The message says why and what to do;
 * {@link #reason()} lets the UI offer the matching remedy (a password field, a "docker login" hint…).
 */
public final class CredentialsUnavailableException extends IOException {

    /** What is missing. */
    public enum Reason {
        /** {@link AuthMode#PASSWORD}, but no password is saved (or it was only in memory and Berth restarted). */
        NO_PASSWORD_SAVED,
        /** A PKCS#12 client certificate is configured, but its password is not saved. */
        NO_CLIENT_CERTIFICATE_PASSWORD,
        /** {@link AuthMode#DOCKER}, but Docker has no login for the registry. */
        DOCKER_HAS_NO_LOGIN,
        /** {@link AuthMode#DOCKER}, but Docker's config.json or its credential helper cannot be used. */
        DOCKER_UNAVAILABLE,
        /** The secret store failed (locked keyring, broken helper). */
        SECRET_STORE_FAILED
    }

    private final Reason reason;

    public CredentialsUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
