package dev.berth.connection;

import dev.berth.registry.auth.Credentials;
import java.util.Objects;
import java.util.Optional;

/**
 * The secrets a connection needs at connect time, resolved by {@link CredentialsResolver}: the registry
 * credentials and, for a PKCS#12 client certificate, its password. Never persisted by Berth itself,
 * and never shown by {@link #toString()}.
 */
public record ConnectionSecrets(Credentials credentials, Optional<String> clientCertificatePassword) {

    public ConnectionSecrets {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(clientCertificatePassword, "clientCertificatePassword");
    }

    /** Credentials and no client-certificate password. */
    public static ConnectionSecrets of(Credentials credentials) {
        return new ConnectionSecrets(credentials, Optional.empty());
    }

    public static ConnectionSecrets anonymous() {
        return of(Credentials.anonymous());
    }

    @Override
    public String toString() {
        return "ConnectionSecrets[" + credentials + clientCertificatePassword.map(p -> ", client certificate password ****").orElse("") + "]";
    }
}
