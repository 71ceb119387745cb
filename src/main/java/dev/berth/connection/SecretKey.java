package dev.berth.connection;

import dev.berth.connection.docker.DockerHosts;
import java.util.List;
import java.util.Objects;

/**
 * Names one secret of one connection, and the server URL it is stored under in a credential helper.
 *
 * <p>The URL is {@code https://<connection-id>.berth.invalid[/<purpose>]}: {@code .invalid} is reserved
 * (RFC 2606), so no real registry can ever have that name and Berth never overwrites, or is mistaken
 * for, one of the user's Docker logins. It is an https URL rather than {@code berth://…} because
 * current docker-credential-osxkeychain refuses any scheme but http and https.
 */
public record SecretKey(ConnectionId connection, Purpose purpose) {

    /** The domain under which every Berth secret is stored. */
    public static final String DOMAIN = "berth.invalid";

    /** What the secret is for. */
    public enum Purpose {
        /** The registry password or token (username and secret). */
        REGISTRY_LOGIN,
        /** The password of a PKCS#12 client certificate. */
        CLIENT_CERTIFICATE
    }

    public SecretKey {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(purpose, "purpose");
    }

    public static SecretKey login(ConnectionId connection) {
        return new SecretKey(connection, Purpose.REGISTRY_LOGIN);
    }

    public static SecretKey clientCertificate(ConnectionId connection) {
        return new SecretKey(connection, Purpose.CLIENT_CERTIFICATE);
    }

    /** Every key a connection may have secrets under. */
    public static List<SecretKey> all(ConnectionId connection) {
        return List.of(login(connection), clientCertificate(connection));
    }

    /** The server URL a credential helper files this secret under. */
    public String serverUrl() {
        String base = "https://" + connection.value() + "." + DOMAIN;
        return switch (purpose) {
            case REGISTRY_LOGIN -> base;
            case CLIENT_CERTIFICATE -> base + "/client-certificate";
        };
    }

    /** Whether a helper's server URL (or the host Docker made of it) is one of Berth's own. */
    public static boolean isBerthUrl(String serverUrlOrHost) {
        String host = DockerHosts.normalise(serverUrlOrHost);
        return host.endsWith("." + DOMAIN) || host.equals(DOMAIN);
    }
}
