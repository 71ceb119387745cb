package dev.berth.registry.tls;

import static dev.berth.registry.tls.TlsFixtures.client;
import static dev.berth.registry.tls.TlsFixtures.failure;
import static dev.berth.registry.tls.TlsFixtures.get;
import static dev.berth.registry.tls.TlsFixtures.httpsServer;
import static dev.berth.registry.tls.TlsFixtures.serverSocketFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.tls.TlsFixtures.ClientAuth;
import dev.berth.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes against MockWebServer on 127.0.0.1 with a throw-away CA. */
class TlsContextFactoryTest {

    private static final TestPki PKI = TestPki.create("Berth Test CA");
    private static final TestPki.Issued SERVER = PKI.serverCertificate();
    private static final SSLSocketFactory SERVER_TLS = serverSocketFactory(SERVER, List.of(), true);
    private static final SSLSocketFactory MTLS = serverSocketFactory(SERVER, List.of(PKI.root().certificate()), true);

    private final TlsContextFactory factory = new TlsContextFactory();

    @TempDir
    Path dir;

    private TlsSettings withTestCa() {
        return TlsSettings.none().withCaFile(PKI.writeRootPem(dir.resolve("ca.pem")));
    }

    private static HttpUrl v2(MockWebServer server) {
        return server.url("/v2/");
    }

    @Test
    void systemTrustAloneRejectsTheTestCa() throws IOException {
        try (MockWebServer server = httpsServer(SERVER_TLS, ClientAuth.NONE)) {
            TlsContext tls = factory.forRegistry(v2(server), TlsSettings.none());

            assertTrue(tls.isSystemDefault());
            IOException failure = failure(client(tls), v2(server));
            assertInstanceOf(SSLHandshakeException.class, failure);
            TlsProblem problem = TlsFailureTranslator.explain(failure, v2(server), tls).orElseThrow();
            assertEquals(TlsProblem.Kind.UNTRUSTED_CERTIFICATE, problem.kind());
            assertEquals("the server's certificate is not trusted: add its CA in the connection's TLS settings, "
                    + "or place it at certs.d/127.0.0.1:" + server.getPort() + "/ca.crt", problem.message());
        }
    }

    @Test
    void theCaFileMakesTheServerTrusted() throws IOException {
        try (MockWebServer server = httpsServer(SERVER_TLS, ClientAuth.NONE)) {
            TlsContext tls = factory.forRegistry(v2(server), withTestCa());

            assertEquals("200 ok", get(client(tls), v2(server)));
            assertEquals(List.of(dir.resolve("ca.pem")), tls.extraCaFiles());
            assertFalse(tls.isSystemDefault());
        }
    }

    @Test
    void aCaBundleWithSeveralCertificatesTrustsEachOfThem() throws IOException {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, TestPki.create("Unrelated CA").rootPem() + PKI.rootPem());
        try (MockWebServer server = httpsServer(SERVER_TLS, ClientAuth.NONE)) {
            TlsContext tls = factory.forRegistry(v2(server), TlsSettings.none().withCaFile(bundle));

            assertEquals("200 ok", get(client(tls), v2(server)));
        }
    }

    @Test
    void extraCasAreAddedToTheSystemTrustNotInsteadOfIt() throws IOException {
        TlsContext system = factory.system("registry.example");
        TlsContext extra = factory.forRegistry("registry.example", withTestCa());

        List<X509Certificate> systemIssuers = Arrays.asList(system.trustManager().getAcceptedIssuers());
        List<X509Certificate> extraIssuers = Arrays.asList(extra.trustManager().getAcceptedIssuers());
        assertFalse(systemIssuers.isEmpty(), "the JDK ships public CAs");
        assertTrue(extraIssuers.containsAll(systemIssuers));
        assertTrue(extraIssuers.contains(PKI.root().certificate()));
        assertEquals(systemIssuers.size() + 1, extraIssuers.size());
    }

    @Test
    void aSelfSignedCertificateIsRejectedEvenWithTheCaConfigured() throws IOException {
        try (MockWebServer server = httpsServer(serverSocketFactory(TestPki.selfSigned("localhost"), List.of(), true),
                ClientAuth.NONE)) {
            TlsContext tls = factory.forRegistry(v2(server), withTestCa());

            IOException failure = failure(client(tls), v2(server));
            TlsProblem problem = TlsFailureTranslator.explain(failure, v2(server), tls).orElseThrow();
            assertEquals(TlsProblem.Kind.UNTRUSTED_CERTIFICATE, problem.kind());
            assertTrue(problem.message().contains(dir.resolve("ca.pem").toString()), problem.message());
        }
    }

    @Test
    void certsDirectoryOfTheRegistryIsTrusted() throws IOException {
        Path root = dir.resolve("certs.d");
        try (MockWebServer server = httpsServer(SERVER_TLS, ClientAuth.NONE)) {
            Path ca = PKI.writeRootPem(root.resolve("127.0.0.1:" + server.getPort()).resolve("ca.crt"));
            TlsContext tls = factory.forRegistry(v2(server), TlsSettings.none().withCertsDirectories(List.of(root)));

            assertEquals("200 ok", get(client(tls), v2(server)));
            assertEquals(List.of(ca), tls.extraCaFiles());
        }
    }

    @Test
    void certsDirectoryOfAnotherPortDoesNotApply() throws IOException {
        Path root = dir.resolve("certs.d");
        try (MockWebServer server = httpsServer(SERVER_TLS, ClientAuth.NONE)) {
            int otherPort = server.getPort() == 65535 ? 65534 : server.getPort() + 1;
            PKI.writeRootPem(root.resolve("127.0.0.1:" + otherPort).resolve("ca.crt"));
            PKI.writeRootPem(root.resolve("localhost:" + server.getPort()).resolve("ca.crt"));
            TlsContext tls = factory.forRegistry(v2(server), TlsSettings.none().withCertsDirectories(List.of(root)));

            assertTrue(tls.isSystemDefault(), () -> "picked up " + tls.extraCaFiles());
            IOException failure = failure(client(tls), v2(server));
            assertEquals(TlsProblem.Kind.UNTRUSTED_CERTIFICATE,
                    TlsFailureTranslator.explain(failure, v2(server), tls).orElseThrow().kind());
        }
    }

    @Test
    void missingCertsDirectoryRootsAreSkipped() throws IOException {
        TlsContext tls = factory.forRegistry("127.0.0.1:5000",
                TlsSettings.defaults(dir.resolve("no-such-home")).withCertsDirectories(List.of(dir.resolve("absent"))));

        assertTrue(tls.isSystemDefault());
    }

    @Test
    void pemClientCertificateIsAcceptedByAServerRequiringOne() throws IOException {
        Path certificate = PKI.clientCertificate("berth").writePem(dir, "client");
        try (MockWebServer server = httpsServer(MTLS, ClientAuth.REQUIRED)) {
            TlsContext tls = factory.forRegistry(v2(server),
                    withTestCa().withClientCertificate(ClientCertificate.pem(certificate, dir.resolve("client.key"))));

            assertEquals("200 ok", get(client(tls), v2(server)));
            assertEquals(List.of(certificate), tls.clientCertificateFiles());
        }
    }

    @Test
    void pkcs1RsaKeyIsAccepted() throws IOException {
        TestPki.Issued client = PKI.clientCertificate("berth-pkcs1");
        Path certificate = Files.writeString(dir.resolve("client.crt"), client.certificatePem());
        Path key = Files.writeString(dir.resolve("client.key"), TlsFixtures.traditionalPem(client.privateKey()));
        assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        try (MockWebServer server = httpsServer(MTLS, ClientAuth.REQUIRED)) {
            TlsContext tls = factory.forRegistry(v2(server),
                    withTestCa().withClientCertificate(ClientCertificate.pem(certificate, key)));

            assertEquals("200 ok", get(client(tls), v2(server)));
        }
    }

    @Test
    void sec1EcKeyIsAccepted() throws IOException {
        var keys = TlsFixtures.ec();
        TestPki.Issued client = TlsFixtures.issue(PKI, keys, "berth-ec", TlsFixtures.hoursFromNow(-1),
                TlsFixtures.hoursFromNow(24), List.of(), Optional.of(KeyPurposeId.id_kp_clientAuth));
        Path certificate = Files.writeString(dir.resolve("ec.crt"), client.certificatePem());
        Path key = Files.writeString(dir.resolve("ec.key"), TlsFixtures.sec1Pem(keys));
        assertTrue(Files.readString(key).contains("-----BEGIN EC PRIVATE KEY-----"));
        try (MockWebServer server = httpsServer(MTLS, ClientAuth.REQUIRED)) {
            TlsContext tls = factory.forRegistry(v2(server),
                    withTestCa().withClientCertificate(ClientCertificate.pem(certificate, key)));

            assertEquals("200 ok", get(client(tls), v2(server)));
        }
    }

    @Test
    void pkcs12ClientCertificateIsAccepted() throws IOException {
        Path p12 = PKI.clientCertificate("berth-p12").writePkcs12(dir.resolve("client.p12"), "s3cret".toCharArray());
        try (MockWebServer server = httpsServer(MTLS, ClientAuth.REQUIRED)) {
            TlsContext tls = factory.forRegistry(v2(server),
                    withTestCa().withClientCertificate(ClientCertificate.pkcs12(p12, "s3cret".toCharArray())));

            assertEquals("200 ok", get(client(tls), v2(server)));
            assertEquals(List.of(p12), tls.clientCertificateFiles());
        }
    }

    @Test
    void certsDirectoryClientPairIsPresented() throws IOException {
        Path root = dir.resolve("certs.d");
        try (MockWebServer server = httpsServer(MTLS, ClientAuth.REQUIRED)) {
            Path registryDir = root.resolve("127.0.0.1:" + server.getPort());
            PKI.writeRootPem(registryDir.resolve("ca.crt"));
            TestPki.Issued client = PKI.clientCertificate("berth-certs-d");
            Files.writeString(registryDir.resolve("client.cert"), client.certificatePem());
            Files.writeString(registryDir.resolve("client.key"), client.privateKeyPem());
            TlsContext tls = factory.forRegistry(v2(server), TlsSettings.none().withCertsDirectories(List.of(root)));

            assertEquals("200 ok", get(client(tls), v2(server)));
            assertEquals(List.of(registryDir.resolve("client.cert")), tls.clientCertificateFiles());
        }
    }

    @Test
    void withoutAClientCertificateTheMessageSaysOneIsRequired() throws IOException {
        try (MockWebServer server = httpsServer(MTLS, ClientAuth.REQUIRED)) {
            TlsContext tls = factory.forRegistry(v2(server), withTestCa());

            // The default client (HTTP/2, retries): the alert is often lost to a reset, which explain() recovers.
            IOException failure = failure(client(tls), v2(server));
            TlsProblem problem = TlsFailureTranslator.explain(failure, v2(server), tls).orElseThrow(() -> new AssertionError(failure));
            assertEquals(TlsProblem.Kind.CLIENT_CERTIFICATE_REQUIRED, problem.kind());
            assertEquals("the server requires a client certificate: add one in the connection's TLS settings, "
                    + "or place client.cert and client.key in certs.d/127.0.0.1:" + server.getPort() + "/", problem.message());
        }
    }

    @Test
    void aClientCertificateFromACaTheServerDoesNotTrustIsRejected() throws IOException {
        Path certificate = TestPki.create("Stranger CA").clientCertificate("stranger").writePem(dir, "stranger");
        // The server lists no acceptable CAs, so the client offers its certificate and the server judges it.
        try (MockWebServer server = httpsServer(serverSocketFactory(SERVER, List.of(PKI.root().certificate()), false),
                ClientAuth.REQUIRED)) {
            TlsContext tls = factory.forRegistry(v2(server),
                    withTestCa().withClientCertificate(ClientCertificate.pem(certificate, dir.resolve("stranger.key"))));

            IOException failure = failure(client(tls), v2(server));
            TlsProblem problem = TlsFailureTranslator.explain(failure, v2(server), tls).orElseThrow(() -> new AssertionError(failure));
            assertEquals(TlsProblem.Kind.CLIENT_CERTIFICATE_REJECTED, problem.kind());
            assertTrue(problem.message().startsWith("the server rejected the client certificate from " + certificate),
                    problem.message());
        }
    }

    @Test
    void aClientCertificateTheServerDoesNotAskForIsNotOffered() throws IOException {
        Path certificate = TestPki.create("Stranger CA").clientCertificate("stranger").writePem(dir, "stranger");
        try (MockWebServer server = httpsServer(MTLS, ClientAuth.REQUIRED)) {
            TlsContext tls = factory.forRegistry(v2(server),
                    withTestCa().withClientCertificate(ClientCertificate.pem(certificate, dir.resolve("stranger.key"))));

            IOException failure = failure(client(tls), v2(server));
            TlsProblem problem = TlsFailureTranslator.explain(failure, v2(server), tls).orElseThrow(() -> new AssertionError(failure));
            assertEquals(TlsProblem.Kind.CLIENT_CERTIFICATE_REQUIRED, problem.kind());
            assertTrue(problem.message().contains(certificate + " was not offered"), problem.message());
        }
    }

    @Test
    void anExpiredClientCertificateIsRejected() throws IOException {
        TestPki.Issued expired = TlsFixtures.issue(PKI, TlsFixtures.rsa(), "old", TlsFixtures.hoursFromNow(-48),
                TlsFixtures.hoursFromNow(-24), List.of(), Optional.of(KeyPurposeId.id_kp_clientAuth));
        Path certificate = expired.writePem(dir, "old");
        try (MockWebServer server = httpsServer(MTLS, ClientAuth.REQUIRED)) {
            TlsContext tls = factory.forRegistry(v2(server),
                    withTestCa().withClientCertificate(ClientCertificate.pem(certificate, dir.resolve("old.key"))));

            IOException failure = failure(client(tls), v2(server));
            TlsProblem problem = TlsFailureTranslator.explain(failure, v2(server), tls).orElseThrow(() -> new AssertionError(failure));
            assertEquals(TlsProblem.Kind.CLIENT_CERTIFICATE_REJECTED, problem.kind());
            // JDK and Go servers answer certificate_unknown / bad_certificate here, not certificate_expired.
            assertTrue(problem.message().contains("has not expired"), problem.message());
        }
    }

    @Test
    void applyingASystemContextUndoesAnEarlierConnectionsCa() throws IOException {
        try (MockWebServer server = httpsServer(SERVER_TLS, ClientAuth.NONE)) {
            OkHttpClient trusting = client(factory.forRegistry(v2(server), withTestCa()));
            assertEquals("200 ok", get(trusting, v2(server)));

            TlsContext system = factory.forRegistry(v2(server), TlsSettings.none());
            OkHttpClient derived = system.applyTo(trusting.newBuilder()).build();

            assertSame(system.sslSocketFactory(), derived.sslSocketFactory());
            assertInstanceOf(SSLHandshakeException.class, failure(derived, v2(server)));
        }
    }

    @Test
    void aBrokenCaFileFailsWithTheFileNamed() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> factory.forRegistry("127.0.0.1:5000", TlsSettings.none().withCaFile(broken)));
        assertEquals(Optional.of(broken), e.file());
        assertTrue(e.getMessage().startsWith(broken + ": "), e.getMessage());
    }

    @Test
    void aBrokenFileInCertsDirectoryFailsWithTheFileNamed() throws IOException {
        Path root = dir.resolve("certs.d");
        Path broken = root.resolve("127.0.0.1:5000").resolve("ca.crt");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "hello");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class,
                () -> factory.forRegistry("127.0.0.1:5000", TlsSettings.none().withCertsDirectories(List.of(root))));
        assertEquals(Optional.of(broken), e.file());
        assertTrue(e.getMessage().contains("no certificate found"), e.getMessage());
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() throws IOException {
        Path certificate = PKI.clientCertificate("one").writePem(dir, "one");
        PKI.clientCertificate("two").writePem(dir, "two");

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class, () -> factory.forRegistry("127.0.0.1:5000",
                TlsSettings.none().withClientCertificate(ClientCertificate.pem(certificate, dir.resolve("two.key")))));
        assertEquals(Optional.of(dir.resolve("two.key")), e.file());
        assertTrue(e.getMessage().contains("does not belong to the certificate in " + certificate), e.getMessage());
    }

    @Test
    void aWrongPkcs12PasswordIsNamed() {
        Path p12 = PKI.clientCertificate("p12").writePkcs12(dir.resolve("client.p12"), "right".toCharArray());

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class, () -> factory.forRegistry("127.0.0.1:5000",
                TlsSettings.none().withClientCertificate(ClientCertificate.pkcs12(p12, "wrong".toCharArray()))));
        assertEquals(p12 + ": wrong password for this PKCS#12 file", e.getMessage());
    }

    @Test
    void aHalfClientPairInCertsDirectoryIsAnError() throws IOException {
        Path root = dir.resolve("certs.d");
        Path registryDir = Files.createDirectories(root.resolve("registry.example:5000"));
        Files.writeString(registryDir.resolve("client.cert"), PKI.clientCertificate("half").certificatePem());

        TlsConfigurationException e = assertThrows(TlsConfigurationException.class, () ->
                factory.forRegistry("registry.example:5000", TlsSettings.none().withCertsDirectories(List.of(root))));
        assertEquals(Optional.of(registryDir.resolve("client.cert")), e.file());
        assertTrue(e.getMessage().contains("without its key client.key"), e.getMessage());
    }

    @Test
    void registryNamesThatCouldEscapeTheCertsDirectoryAreRefused() {
        for (String name : List.of("../etc", "a/b:5000", "host:0", "host:99999", "[::1", "", "..")) {
            assertThrows(IllegalArgumentException.class, () -> factory.forRegistry(name, TlsSettings.defaults(dir)), name);
        }
    }
}
