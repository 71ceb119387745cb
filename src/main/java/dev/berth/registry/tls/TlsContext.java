package dev.berth.registry.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The TLS material for one registry, ready for {@link OkHttpClient.Builder#sslSocketFactory(SSLSocketFactory,
 * X509TrustManager)}, with a note of where it came from so that errors and the UI can say so.
 *
 * @param registry the {@code host:port} it was built for
 * @param sslSocketFactory the factory to connect with
 * @param trustManager the trust manager behind {@code sslSocketFactory} (OkHttp needs both)
 * @param extraCaFiles the CA files trusted in addition to the system's, empty for system trust only
 * @param clientCertificateFiles the files of the client certificates offered, empty if none
 */
public record TlsContext(String registry, SSLSocketFactory sslSocketFactory, X509TrustManager trustManager,
        List<Path> extraCaFiles, List<Path> clientCertificateFiles) {

    public TlsContext {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(sslSocketFactory, "sslSocketFactory");
        Objects.requireNonNull(trustManager, "trustManager");
        extraCaFiles = List.copyOf(extraCaFiles);
        clientCertificateFiles = List.copyOf(clientCertificateFiles);
    }

    /** True when nothing beyond the JDK's defaults applies. */
    public boolean isSystemDefault() {
        return extraCaFiles.isEmpty() && clientCertificateFiles.isEmpty();
    }

    /**
     * Sets this context's socket factory and trust manager on {@code builder}. Always sets them, even
     * for system defaults: a builder derived from another connection's client would otherwise keep
     * that connection's CAs and client certificate.
     */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
        return builder.sslSocketFactory(sslSocketFactory, trustManager);
    }
}
