package dev.berth.registry.tls;

import dev.berth.platform.UserHome;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a registry connection trusts and presents beyond the JDK defaults: an extra CA file, a client
 * certificate, and the {@code certs.d} roots to consult for per-registry material.
 *
 * <p>{@code certs.d} follows Docker's convention: in {@code <root>/<host:port>/}, every {@code *.crt}
 * is a CA, and every {@code <name>.cert} with its {@code <name>.key} (usually {@code client.cert} and
 * {@code client.key}) is a client certificate. A client certificate configured here wins over
 * {@code certs.d} ones; CAs from both are trusted.
 *
 * @param caFile a PEM file with one or more CA certificates to trust in addition to the system's
 * @param clientCertificate the certificate to present when the registry asks for one
 * @param certsDirectories the {@code certs.d} roots, in the order they are consulted; missing ones are skipped
 */
public record TlsSettings(Optional<Path> caFile, Optional<ClientCertificate> clientCertificate, List<Path> certsDirectories) {

    public TlsSettings {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        certsDirectories = List.copyOf(certsDirectories);
    }

    /** System trust only: no extra CA, no client certificate, no {@code certs.d}. */
    public static TlsSettings none() {
        return new TlsSettings(Optional.empty(), Optional.empty(), List.of());
    }

    /** No extra CA or client certificate, and the usual {@code certs.d} roots under the user's home. */
    public static TlsSettings defaults() {
        return defaults(UserHome.current());
    }

    /** As {@link #defaults()}, with the user's home directory given (tests use a temporary one). */
    public static TlsSettings defaults(Path home) {
        return new TlsSettings(Optional.empty(), Optional.empty(), defaultCertsDirectories(home));
    }

    /**
     * The roots Docker and Podman/Buildah/Skopeo read: {@code /etc/docker/certs.d},
     * {@code ~/.docker/certs.d}, {@code /etc/containers/certs.d}, {@code ~/.config/containers/certs.d}.
     */
    public static List<Path> defaultCertsDirectories(Path home) {
        Objects.requireNonNull(home, "home");
        return List.of(
                Path.of("/etc/docker/certs.d"),
                home.resolve(".docker").resolve("certs.d"),
                Path.of("/etc/containers/certs.d"),
                home.resolve(".config").resolve("containers").resolve("certs.d"));
    }

    public TlsSettings withCaFile(Path file) {
        return new TlsSettings(Optional.of(file), clientCertificate, certsDirectories);
    }

    public TlsSettings withClientCertificate(ClientCertificate certificate) {
        return new TlsSettings(caFile, Optional.of(certificate), certsDirectories);
    }

    public TlsSettings withCertsDirectories(List<Path> roots) {
        return new TlsSettings(caFile, clientCertificate, roots);
    }
}
