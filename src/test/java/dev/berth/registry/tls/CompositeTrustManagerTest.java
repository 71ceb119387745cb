package dev.berth.registry.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.TestPki;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

/** "Accept if either accepts", with two throw-away CAs standing in for the system and a private CA. */
class CompositeTrustManagerTest {

    private static final TestPki PUBLIC = TestPki.create("Stand-in Public CA");
    private static final TestPki PRIVATE = TestPki.create("Stand-in Private CA");
    private static final CompositeTrustManager BOTH =
            new CompositeTrustManager(List.of(trusting(PUBLIC), trusting(PRIVATE)));

    private static X509ExtendedTrustManager trusting(TestPki pki) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", pki.root().certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate[] chain(TestPki.Issued leaf) {
        return new X509Certificate[] {leaf.certificate()};
    }

    @Test
    void acceptsWhatEitherDelegateAccepts() {
        assertDoesNotThrow(() -> BOTH.checkServerTrusted(chain(PUBLIC.serverCertificate()), "RSA"));
        assertDoesNotThrow(() -> BOTH.checkServerTrusted(chain(PRIVATE.serverCertificate()), "RSA"));
    }

    @Test
    void rejectsWhatNeitherAccepts() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> BOTH.checkServerTrusted(chain(TestPki.selfSigned("stranger")), "RSA"));

        assertTrue(CompositeTrustManager.isNoTrustPath(e));
        assertEquals(1, e.getSuppressed().length);
    }

    @Test
    void theDelegateThatFoundAPathExplainsTheFailure() {
        TestPki.Issued expired = TlsFixtures.issue(PRIVATE, TlsFixtures.rsa(), "old", TlsFixtures.hoursFromNow(-48),
                TlsFixtures.hoursFromNow(-24), TlsFixtures.loopbackNames(), Optional.of(KeyPurposeId.id_kp_serverAuth));

        CertificateException e = assertThrows(CertificateException.class, () -> BOTH.checkServerTrusted(chain(expired), "RSA"));

        Throwable cause = e;
        while (cause != null && !(cause instanceof CertificateExpiredException)) cause = cause.getCause();
        assertTrue(cause instanceof CertificateExpiredException, () -> "expected expiry in " + e);
    }

    @Test
    void acceptedIssuersAreTheUnion() {
        assertEquals(List.of(PUBLIC.root().certificate(), PRIVATE.root().certificate()), List.of(BOTH.getAcceptedIssuers()));
    }
}
