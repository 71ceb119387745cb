package dev.berth.connection;

import dev.berth.connection.docker.CredentialHelper;
import dev.berth.connection.docker.CredentialHelperException;
import dev.berth.registry.auth.Credentials;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps secrets through a Docker credential helper ({@code docker-credential-pass}, {@code -secretservice},
 * {@code -osxkeychain}, {@code -wincred}…), under Berth's own server URLs (see {@link SecretKey#serverUrl()}).
 */
public final class CredentialHelperSecretStore implements SecretStore {

    private final CredentialHelper helper;

    public CredentialHelperSecretStore(CredentialHelper helper) {
        this.helper = Objects.requireNonNull(helper, "helper");
    }

    public CredentialHelper helper() {
        return helper;
    }

    @Override
    public Kind kind() {
        return Kind.CREDENTIAL_HELPER;
    }

    @Override
    public String description() {
        return "Passwords are kept in " + where() + " through " + helper.program() + ", never in Berth's own files.";
    }

    @Override
    public Optional<Credentials> get(SecretKey key) throws SecretStoreException {
        try {
            return helper.get(key.serverUrl());
        } catch (CredentialHelperException e) {
            throw failed("read", e);
        }
    }

    @Override
    public void put(SecretKey key, Credentials secret) throws SecretStoreException {
        if (secret instanceof Credentials.Anonymous) throw new IllegalArgumentException("anonymous access has nothing to store");
        try {
            helper.store(key.serverUrl(), secret);
        } catch (CredentialHelperException e) {
            throw failed("save", e);
        }
    }

    @Override
    public boolean erase(SecretKey key) throws SecretStoreException {
        try {
            return helper.erase(key.serverUrl());
        } catch (CredentialHelperException e) {
            throw failed("remove", e);
        }
    }

    private SecretStoreException failed(String verb, CredentialHelperException e) {
        String remedy = switch (e.reason()) {
            case TIMED_OUT -> " Unlock " + where() + " (a passphrase or keyring prompt may be waiting) and try again.";
            case NOT_INSTALLED -> "";
            default -> " Check that " + where() + " works, then try again.";
        };
        return new SecretStoreException("Berth could not " + verb + " the password in " + where() + ": " + e.getMessage()
                + "." + remedy, e);
    }

    /** The store behind the helper, in words a person recognises. */
    private String where() {
        return switch (helper.suffix()) {
            case "pass" -> "your pass password store";
            case "secretservice" -> "your desktop keyring (Secret Service)";
            case "osxkeychain" -> "the macOS Keychain";
            case "wincred" -> "the Windows Credential Manager";
            case "desktop" -> "Docker Desktop's credential store";
            default -> "the credential store of " + helper.program();
        };
    }

    @Override
    public String toString() {
        return "CredentialHelperSecretStore[" + helper + "]";
    }
}
