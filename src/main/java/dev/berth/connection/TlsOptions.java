package dev.berth.connection;

import dev.berth.registry.tls.ClientCertificate;
import dev.berth.registry.tls.TlsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection's TLS choices beyond the system's trust: a CA file to trust and a client certificate to
 * present. Only file paths are kept; a PKCS#12 password lives in the {@link SecretStore}.
 *
 * <p>Paths must be absolute: the connections file outlives the directory Berth happened to start in.
 */
public record TlsOptions(Optional<Path> caFile, Optional<ClientCertificateFiles> clientCertificate) {

    /** Where a client certificate comes from. */
    public sealed interface ClientCertificateFiles {

        /** A PEM certificate and its unencrypted PEM private key (they may be one file). */
        record Pem(Path certificate, Path privateKey) implements ClientCertificateFiles {
            public Pem {
                requireAbsolute(certificate, "certificate");
                requireAbsolute(privateKey, "privateKey");
            }
        }

        /** A PKCS#12 file; its password is a secret of the connection. */
        record Pkcs12(Path file) implements ClientCertificateFiles {
            public Pkcs12 {
                requireAbsolute(file, "file");
            }
        }
    }

    public TlsOptions {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        caFile.ifPresent(file -> requireAbsolute(file, "caFile"));
    }

    /** The system's trust only (plus Docker's {@code certs.d}, which always applies). */
    public static TlsOptions system() {
        return new TlsOptions(Optional.empty(), Optional.empty());
    }

    public TlsOptions withCaFile(Optional<Path> file) {
        return new TlsOptions(file, clientCertificate);
    }

    public TlsOptions withClientCertificate(Optional<ClientCertificateFiles> certificate) {
        return new TlsOptions(caFile, certificate);
    }

    /** True when a PKCS#12 file is configured, whose password has to come from the secret store. */
    public boolean needsClientCertificatePassword() {
        return clientCertificate.filter(c -> c instanceof ClientCertificateFiles.Pkcs12).isPresent();
    }

    /**
     * The settings for {@link dev.berth.registry.tls.TlsContextFactory}.
     *
     * @param certsDirectories the {@code certs.d} roots to consult, e.g. {@link TlsSettings#defaultCertsDirectories}
     * @param pkcs12Password   the PKCS#12 password; needed exactly when {@link #needsClientCertificatePassword()}
     * @throws IllegalArgumentException a PKCS#12 file is configured and no password given
     */
    public TlsSettings toSettings(List<Path> certsDirectories, Optional<String> pkcs12Password) {
        Optional<ClientCertificate> client = clientCertificate.map(files -> switch (files) {
            case ClientCertificateFiles.Pem pem -> ClientCertificate.pem(pem.certificate(), pem.privateKey());
            case ClientCertificateFiles.Pkcs12 p12 -> ClientCertificate.pkcs12(p12.file(), pkcs12Password
                    .orElseThrow(() -> new IllegalArgumentException("the PKCS#12 file " + p12.file() + " needs its password"))
                    .toCharArray());
        });
        return new TlsSettings(caFile, client, certsDirectories);
    }

    private static void requireAbsolute(Path path, String what) {
        Objects.requireNonNull(path, what);
        if (!path.isAbsolute()) throw new IllegalArgumentException(what + " must be an absolute path: " + path);
    }
}
