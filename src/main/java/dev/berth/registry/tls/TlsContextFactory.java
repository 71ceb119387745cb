package dev.berth.registry.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;

/**
 * Builds the {@link TlsContext} for one registry from its {@link TlsSettings}: the system's trust
 * plus the connection's CA file and the registry's {@code certs.d} CAs, and the client certificate
 * when one is configured. There is deliberately no way to trust everything.
 *
 * <p>Files are read on every call, so edits to {@code certs.d} apply to the next connection; callers
 * keep the result for the life of a connection. Hostname verification is left to OkHttp.
 */
public final class TlsContextFactory {

    private final X509ExtendedTrustManager systemTrust;
    private final SSLContext systemContext;

    /** Uses the JDK's default trust store as the system trust. */
    public TlsContextFactory() {
        try {
            this.systemTrust = trustManager(null);
            this.systemContext = sslContext(null, systemTrust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust store cannot be loaded", e);
        }
    }

    /** The JDK's default trust and no client certificate, for a registry with nothing configured. */
    public TlsContext system(String registry) {
        return new TlsContext(HostPort.parse(registry).authority(), systemContext.getSocketFactory(), systemTrust,
                List.of(), List.of());
    }

    /** As {@link #forRegistry(String, TlsSettings)}, for the registry of {@code url}. */
    public TlsContext forRegistry(HttpUrl url, TlsSettings settings) throws TlsConfigurationException {
        return build(HostPort.of(url), settings);
    }

    /**
     * The TLS context for the registry at {@code registry} ({@code host}, {@code host:port} or
     * {@code [v6]:port}).
     *
     * @throws TlsConfigurationException when a configured or {@code certs.d} file is missing or malformed
     * @throws IllegalArgumentException when {@code registry} is not a host or host:port
     */
    public TlsContext forRegistry(String registry, TlsSettings settings) throws TlsConfigurationException {
        return build(HostPort.parse(registry), settings);
    }

    private TlsContext build(HostPort registry, TlsSettings settings) throws TlsConfigurationException {
        CertsDirectory.Material certsD = CertsDirectory.find(settings.certsDirectories(), registry);

        List<Path> caFiles = new ArrayList<>();
        settings.caFile().ifPresent(caFiles::add);
        caFiles.addAll(certsD.caFiles());

        // The connection's own client certificate is the more deliberate choice, so it replaces certs.d's.
        List<ClientCertificate> clients = settings.clientCertificate()
                .<List<ClientCertificate>>map(List::of)
                .orElseGet(() -> List.copyOf(certsD.clientCertificates()));
        List<Path> clientFiles = clients.stream().map(TlsContextFactory::sourceFile).toList();

        if (caFiles.isEmpty() && clients.isEmpty()) {
            return new TlsContext(registry.authority(), systemContext.getSocketFactory(), systemTrust, List.of(), List.of());
        }
        X509ExtendedTrustManager trust = caFiles.isEmpty()
                ? systemTrust
                : new CompositeTrustManager(List.of(systemTrust, extraTrust(caFiles)));
        KeyManager[] keys = clients.isEmpty() ? null : ClientKeys.keyManagers(clients);
        try {
            return new TlsContext(registry.authority(), sslContext(keys, trust).getSocketFactory(), trust, caFiles, clientFiles);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not create a TLS context", e);
        }
    }

    private static X509ExtendedTrustManager extraTrust(List<Path> caFiles) throws TlsConfigurationException {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int index = 0;
            for (Path file : caFiles) {
                for (X509Certificate certificate : PemFiles.certificates(file)) {
                    anchors.setCertificateEntry("ca-" + index++, certificate);
                }
            }
            return trustManager(anchors);
        } catch (GeneralSecurityException | java.io.IOException e) {
            if (e instanceof TlsConfigurationException tls) throw tls;
            throw new IllegalStateException("the JDK could not build an in-memory trust store", e);
        }
    }

    /** The PKIX trust manager over {@code anchors}, or over the JDK's default trust store when null. */
    private static X509ExtendedTrustManager trustManager(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) return x509;
        }
        throw new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager");
    }

    private static SSLContext sslContext(KeyManager[] keys, X509TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, new TrustManager[] {trust}, null);
        return context;
    }

    private static Path sourceFile(ClientCertificate certificate) {
        return switch (certificate) {
            case ClientCertificate.PemFiles pem -> pem.certificateFile();
            case ClientCertificate.Pkcs12File p12 -> p12.file();
        };
    }
}
