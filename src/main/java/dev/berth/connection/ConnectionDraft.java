package dev.berth.connection;

import dev.berth.connection.AuthMode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the connection dialog collects. The password lives only here, in memory, on its way to
 * the secret store; {@link #toString()} never shows it.
 */
public record ConnectionDraft(
        String name,
        String address,
        AuthMode auth,
        String username,
        String password,
        Optional<Path> caFile,
        Optional<Path> clientCertificate,
        Optional<Path> clientKey,
        boolean plainHttp,
        boolean allowInsecureRemote) {

    public ConnectionDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientKey, "clientKey");
    }

    public static ConnectionDraft of(String address) {
        return new ConnectionDraft("", address, AuthMode.NONE, "", "", Optional.empty(), Optional.empty(), Optional.empty(), false, false);
    }

    /**
     * Only what the registry sees, to compare drafts: no password (so none is kept around) and no name
     * (naming the connection after Test connection changes nothing the test found).
     */
    public ConnectionDraft registrySettings() {
        return new ConnectionDraft("", address, auth, username, "", caFile, clientCertificate, clientKey, plainHttp, allowInsecureRemote);
    }

    /** host[:port] from what was typed or pasted: {@code https://host:5000/v2/} → {@code host:5000}. */
    public String host() {
        String host = address.strip().replaceFirst("(?i)^https?://", "");
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }

    /** True when the address itself said http://. */
    public boolean addressSaysHttp() {
        return address.strip().toLowerCase(java.util.Locale.ROOT).startsWith("http://");
    }

    public String displayName() {
        return name.isBlank() ? host() : name.strip();
    }

    /** The form pre-filled from a saved connection (the password is never read back into it). */
    public static ConnectionDraft of(dev.berth.connection.Connection connection) {
        return new ConnectionDraft(connection.name(), (connection.plainHttp() ? "http://" : "") + connection.registry(),
                connection.auth(), connection.username().orElse(""), "", connection.tls().caFile(),
                connection.tls().clientCertificate().map(c -> c instanceof dev.berth.connection.TlsOptions.ClientCertificateFiles.Pem pem
                        ? pem.certificate() : ((dev.berth.connection.TlsOptions.ClientCertificateFiles.Pkcs12) c).file()),
                connection.tls().clientCertificate().flatMap(c -> c instanceof dev.berth.connection.TlsOptions.ClientCertificateFiles.Pem pem
                        ? Optional.of(pem.privateKey()) : Optional.empty()),
                connection.plainHttp(), connection.allowInsecureRemote());
    }

    /** The TLS choices as saved: a CA file, and a client certificate as a PEM pair (or PKCS#12 when no key is given). */
    public dev.berth.connection.TlsOptions tlsOptions() {
        Optional<dev.berth.connection.TlsOptions.ClientCertificateFiles> client = clientCertificate.map(certificate -> clientKey
                .<dev.berth.connection.TlsOptions.ClientCertificateFiles>map(key -> new dev.berth.connection.TlsOptions.ClientCertificateFiles.Pem(certificate, key))
                .orElseGet(() -> new dev.berth.connection.TlsOptions.ClientCertificateFiles.Pkcs12(certificate)));
        return dev.berth.connection.TlsOptions.system().withCaFile(caFile).withClientCertificate(client);
    }

    @Override
    public String toString() {
        return "ConnectionDraft[" + displayName() + ", " + host() + ", " + auth + (username.isEmpty() ? "" : ", " + username)
                + (password.isEmpty() ? "" : ", ****") + "]";
    }
}
