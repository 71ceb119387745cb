package dev.berth.registry.tls;

import dev.berth.testing.TestPki;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Proxy;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Servers, clients and odd certificates for the TLS tests. Everything listens on and connects to
 * 127.0.0.1 only, and clients bypass any configured proxy.
 */
final class TlsFixtures {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    static final InetAddress LOOPBACK = loopback();

    /** How the mock server treats client certificates. */
    enum ClientAuth { NONE, REQUIRED }

    /**
     * A server-side socket factory presenting {@code server}. {@code clientCas} are trusted for client
     * certificates; when {@code advertiseCas} is false the server sends an empty CA list, so a JDK
     * client offers its certificate whoever issued it (as Go and OpenSSL clients always do).
     */
    static SSLSocketFactory serverSocketFactory(TestPki.Issued server, List<X509Certificate> clientCas, boolean advertiseCas) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", server.privateKey(), "pw".toCharArray(), new X509Certificate[] {server.certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, "pw".toCharArray());

            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < clientCas.size(); i++) anchors.setCertificateEntry("ca" + i, clientCas.get(i));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(anchors);
            X509ExtendedTrustManager trust = (X509ExtendedTrustManager) trustManagers.getTrustManagers()[0];
            TrustManager serverTrust = advertiseCas ? trust : new SilentIssuersTrustManager(trust);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), new TrustManager[] {serverTrust}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An https MockWebServer on 127.0.0.1 answering every request with 200 "ok". */
    static MockWebServer httpsServer(SSLSocketFactory factory, ClientAuth clientAuth) throws IOException {
        MockWebServer server = new MockWebServer();
        server.useHttps(factory);
        if (clientAuth == ClientAuth.REQUIRED) server.requireClientAuth();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        server.start(LOOPBACK, 0);
        return server;
    }

    /** A plain-http MockWebServer on 127.0.0.1 answering every request with 200 "ok". */
    static MockWebServer plainServer() throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        server.start(LOOPBACK, 0);
        return server;
    }

    /** A client using {@code tls}, with short timeouts and no proxy. */
    static OkHttpClient client(TlsContext tls) {
        return tls.applyTo(plainClientBuilder()).build();
    }

    static OkHttpClient.Builder plainClientBuilder() {
        return new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(15));
    }

    /** GET {@code /v2/} and return the body; any failure is thrown. */
    static String get(OkHttpClient client, okhttp3.HttpUrl url) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    /** The failure of GET {@code url}, which must fail. */
    static IOException failure(OkHttpClient client, okhttp3.HttpUrl url) {
        try {
            String answer = get(client, url);
            throw new AssertionError("expected the request to fail, but it answered " + answer);
        } catch (IOException e) {
            return e;
        }
    }

    /** A certificate signed by {@code pki}'s root with the given validity, names and purpose. */
    static TestPki.Issued issue(TestPki pki, KeyPair keys, String commonName, Instant notBefore, Instant notAfter,
            List<GeneralName> names, Optional<KeyPurposeId> purpose) {
        try {
            X509Certificate root = pki.root().certificate();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name(root.getSubjectX500Principal().getName()),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + commonName), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            if (purpose.isPresent()) builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose.get()));
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(pki.root().privateKey());
            return new TestPki.Issued(new JcaX509CertificateConverter().getCertificate(builder.build(signer)), keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("could not issue a test certificate", e);
        }
    }

    /** A server certificate for 127.0.0.1/localhost with the given validity. */
    static TestPki.Issued serverCertificate(TestPki pki, Instant notBefore, Instant notAfter) {
        return issue(pki, rsa(), "localhost", notBefore, notAfter, loopbackNames(), Optional.of(KeyPurposeId.id_kp_serverAuth));
    }

    static List<GeneralName> loopbackNames() {
        return List.of(new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost"));
    }

    static Instant hoursFromNow(long hours) {
        return Instant.now().plus(Duration.ofHours(hours));
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as BouncyCastle writes it by default: PKCS#1 for RSA, SEC1 without the curve for EC. */
    static String traditionalPem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * An EC key in SEC1 form as OpenSSL writes it, with the curve ({@code [0]}) and public key ({@code [1]}).
     * BouncyCastle's default writer leaves the curve out, which OpenSSL never does.
     */
    static String sec1Pem(KeyPair keys) {
        try {
            var publicKey = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            var privateValue = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
            var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, privateValue, publicKey.getPublicKeyData(),
                    publicKey.getAlgorithm().getParameters());
            return pem("EC PRIVATE KEY", sec1.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (var writer = new org.bouncycastle.util.io.pem.PemWriter(out)) {
            writer.writeObject(new org.bouncycastle.util.io.pem.PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks client certificates with {@code delegate} but advertises no acceptable issuers. */
    private static final class SilentIssuersTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        SilentIssuersTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws java.security.cert.CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws java.security.cert.CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
                throws java.security.cert.CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
                throws java.security.cert.CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private TlsFixtures() {}
}
