package dev.berth.connection;

import dev.berth.connection.CredentialsUnavailableException.Reason;
import dev.berth.connection.docker.CredentialHelperException;
import dev.berth.connection.docker.DockerConfigException;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.registry.auth.Credentials;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the secrets a {@link Connection} needs right before it connects: nothing for
 * {@link AuthMode#NONE}, the saved password for {@link AuthMode#PASSWORD}, Docker's login for
 * {@link AuthMode#DOCKER}, and a PKCS#12 client certificate's password. May run credential helpers:
 * never on the FX thread.
 */
public final class CredentialsResolver {

    /** Reads Docker's configuration; read again for every lookup, since {@code docker login} may change it at any time. */
    @FunctionalInterface
    public interface DockerSource {
        DockerCredentials load() throws DockerConfigException;
    }

    private final SecretStore secrets;
    private final DockerSource docker;

    public CredentialsResolver(SecretStore secrets, DockerSource docker) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    /** Everything the connection needs: credentials and, for PKCS#12, the certificate's password. */
    public ConnectionSecrets resolve(Connection connection) throws CredentialsUnavailableException {
        return new ConnectionSecrets(credentials(connection), clientCertificatePassword(connection));
    }

    /** The registry credentials. */
    public Credentials credentials(Connection connection) throws CredentialsUnavailableException {
        return switch (connection.auth()) {
            case NONE -> Credentials.anonymous();
            case PASSWORD -> saved(connection);
            case DOCKER -> fromDocker(connection);
        };
    }

    /** The PKCS#12 password, when the connection uses a PKCS#12 client certificate; else empty. */
    public Optional<String> clientCertificatePassword(Connection connection) throws CredentialsUnavailableException {
        if (!connection.tls().needsClientCertificatePassword()) return Optional.empty();
        Optional<Credentials> stored = get(SecretKey.clientCertificate(connection.id()), connection);
        if (stored.isEmpty()) {
            throw new CredentialsUnavailableException(Reason.NO_CLIENT_CERTIFICATE_PASSWORD, "The client certificate of “"
                    + connection.name() + "” needs its password. Enter it in the connection's TLS settings" + lostOnRestart() + ".", null);
        }
        return Optional.of(secretOf(stored.get()));
    }

    private Credentials saved(Connection connection) throws CredentialsUnavailableException {
        Optional<Credentials> stored = get(SecretKey.login(connection.id()), connection);
        if (stored.isEmpty()) {
            throw new CredentialsUnavailableException(Reason.NO_PASSWORD_SAVED, "No password is saved for “"
                    + connection.name() + "”. Enter it in the connection's settings" + lostOnRestart() + ".", null);
        }
        // The username on the connection is the one the person sees and edits, so it wins over the stored one.
        String username = connection.username().orElseThrow();
        return Credentials.basic(username, secretOf(stored.get()));
    }

    private Credentials fromDocker(Connection connection) throws CredentialsUnavailableException {
        String registry = connection.registry();
        String login = connection.address().isDockerHub() ? "docker login" : "docker login " + registry;
        try {
            return docker.load().lookup(registry).orElseThrow(() -> new CredentialsUnavailableException(
                    Reason.DOCKER_HAS_NO_LOGIN, "Docker has no login for " + registry + ". Run “" + login
                    + "”, or choose another way to sign in for “" + connection.name() + "”.", null));
        } catch (DockerConfigException | CredentialHelperException e) {
            throw new CredentialsUnavailableException(Reason.DOCKER_UNAVAILABLE, "Docker's login for " + registry
                    + " could not be read: " + e.getMessage() + ". Fix that, or choose another way to sign in for “"
                    + connection.name() + "”.", e);
        }
    }

    private Optional<Credentials> get(SecretKey key, Connection connection) throws CredentialsUnavailableException {
        try {
            return secrets.get(key);
        } catch (SecretStoreException e) {
            throw new CredentialsUnavailableException(Reason.SECRET_STORE_FAILED, e.getMessage(), e);
        }
    }

    private String lostOnRestart() {
        return secrets.isPersistent() ? "" : " (Berth keeps passwords only until it quits on this computer)";
    }

    private static String secretOf(Credentials stored) {
        return switch (stored) {
            case Credentials.Basic basic -> basic.secret();
            case Credentials.IdentityToken token -> token.refreshToken();
            case Credentials.Anonymous anonymous -> "";
        };
    }
}
