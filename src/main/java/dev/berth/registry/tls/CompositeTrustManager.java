package dev.berth.registry.tls;

import java.net.Socket;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a certificate chain when any one of its delegates does: the system's trust store, or the
 * CAs configured for one registry. Adding a private CA must not stop public ones from working.
 *
 * <p>Extends {@link X509ExtendedTrustManager} so the JDK uses it as is rather than wrapping it, and
 * passes the socket on so the delegates apply the same checks they would alone.
 */
final class CompositeTrustManager extends X509ExtendedTrustManager {

    @FunctionalInterface
    private interface Check {
        void run(X509ExtendedTrustManager delegate) throws CertificateException;
    }

    private final List<X509ExtendedTrustManager> delegates;

    CompositeTrustManager(List<X509ExtendedTrustManager> delegates) {
        if (delegates.isEmpty()) throw new IllegalArgumentException("no trust managers");
        this.delegates = List.copyOf(delegates);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anyAccepts(delegate -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anyAccepts(delegate -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anyAccepts(delegate -> delegate.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anyAccepts(delegate -> delegate.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anyAccepts(delegate -> delegate.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anyAccepts(delegate -> delegate.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegates.stream().flatMap(d -> Arrays.stream(d.getAcceptedIssuers())).toArray(X509Certificate[]::new);
    }

    private void anyAccepts(Check check) throws CertificateException {
        List<CertificateException> failures = new ArrayList<>();
        for (X509ExtendedTrustManager delegate : delegates) {
            try {
                check.run(delegate);
                return;
            } catch (CertificateException e) {
                failures.add(e);
            }
        }
        throw mostInformative(failures);
    }

    /**
     * A delegate that found no path to its anchors only says "not mine". One that found a path and
     * still refused (expired, wrong key usage) says what is actually wrong, so that one is thrown.
     */
    private static CertificateException mostInformative(List<CertificateException> failures) {
        CertificateException chosen = failures.stream()
                .filter(failure -> !isNoTrustPath(failure))
                .findFirst()
                .orElse(failures.get(0));
        failures.stream().filter(failure -> failure != chosen).forEach(chosen::addSuppressed);
        return chosen;
    }

    static boolean isNoTrustPath(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException) return true;
        }
        return false;
    }
}
