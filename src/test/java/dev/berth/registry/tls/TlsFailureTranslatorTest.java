package dev.berth.registry.tls;

import static dev.berth.registry.tls.TlsFixtures.client;
import static dev.berth.registry.tls.TlsFixtures.failure;
import static dev.berth.registry.tls.TlsFixtures.hoursFromNow;
import static dev.berth.registry.tls.TlsFixtures.httpsServer;
import static dev.berth.registry.tls.TlsFixtures.serverSocketFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.tls.TlsFixtures.ClientAuth;
import dev.berth.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each TLS failure provoked for real on 127.0.0.1, then translated. */
class TlsFailureTranslatorTest {

    private static final TestPki PKI = TestPki.create("Berth Translator CA");

    private final TlsContextFactory factory = new TlsContextFactory();

    @TempDir
    Path dir;

    private TlsContext trustingTestCa(HttpUrl url) throws IOException {
        return factory.forRegistry(url, TlsSettings.none().withCaFile(PKI.writeRootPem(dir.resolve("ca.pem"))));
    }

    private Optional<TlsProblem> provoke(TestPki.Issued serverCertificate, boolean trustTestCa) throws IOException {
        try (MockWebServer server = httpsServer(serverSocketFactory(serverCertificate, List.of(), true), ClientAuth.NONE)) {
            HttpUrl url = server.url("/v2/");
            TlsContext tls = trustTestCa ? trustingTestCa(url) : factory.forRegistry(url, TlsSettings.none());
            return TlsFailureTranslator.explain(failure(client(tls), url), url, tls);
        }
    }

    @Test
    void hostnameMismatchNamesTheHostAndTheCertificatesNames() throws IOException {
        TestPki.Issued elsewhere = TlsFixtures.issue(PKI, TlsFixtures.rsa(), "registry.example", hoursFromNow(-1),
                hoursFromNow(24), List.of(new GeneralName(GeneralName.dNSName, "registry.example")),
                Optional.of(KeyPurposeId.id_kp_serverAuth));

        TlsProblem problem = provoke(elsewhere, true).orElseThrow();

        assertEquals(TlsProblem.Kind.HOSTNAME_MISMATCH, problem.kind());
        assertEquals("the server's certificate is not valid for 127.0.0.1 (it lists registry.example): connect using "
                + "a name the certificate lists, or have the certificate reissued with 127.0.0.1 among its subject "
                + "alternative names", problem.message());
    }

    @Test
    void expiredServerCertificate() throws IOException {
        TlsProblem problem = provoke(TlsFixtures.serverCertificate(PKI, hoursFromNow(-48), hoursFromNow(-24)), true).orElseThrow();

        assertEquals(TlsProblem.Kind.CERTIFICATE_EXPIRED, problem.kind());
        assertTrue(problem.message().startsWith("the server's certificate has expired (NotAfter: "), problem.message());
    }

    @Test
    void anExpiredCertificateFromAnUntrustedCaIsFirstOfAllUntrusted() throws IOException {
        TlsProblem problem = provoke(TlsFixtures.serverCertificate(PKI, hoursFromNow(-48), hoursFromNow(-24)), false).orElseThrow();

        assertEquals(TlsProblem.Kind.UNTRUSTED_CERTIFICATE, problem.kind());
    }

    @Test
    void serverCertificateNotValidYet() throws IOException {
        TlsProblem problem = provoke(TlsFixtures.serverCertificate(PKI, hoursFromNow(24), hoursFromNow(48)), true).orElseThrow();

        assertEquals(TlsProblem.Kind.CERTIFICATE_NOT_YET_VALID, problem.kind());
        assertTrue(problem.message().contains("check this computer's clock"), problem.message());
    }

    @Test
    void plainHttpToATlsPort() throws IOException {
        try (MockWebServer server = httpsServer(serverSocketFactory(PKI.serverCertificate(), List.of(), true), ClientAuth.NONE)) {
            HttpUrl url = server.url("/v2/").newBuilder().scheme("http").build();
            TlsContext tls = trustingTestCa(url);

            IOException failure = failure(client(tls), url);

            TlsProblem problem = TlsFailureTranslator.explain(failure, url, tls).orElseThrow(() -> new AssertionError(failure));
            assertEquals(TlsProblem.Kind.SERVER_EXPECTS_TLS, problem.kind());
            assertEquals("the server at 127.0.0.1:" + server.getPort() + " expects TLS: use https:// for this registry",
                    problem.message());
        }
    }

    @Test
    void httpsToAServerThatAnswersInPlainHttp() throws Exception {
        // What Go's plain-HTTP server (Distribution without TLS) answers to a ClientHello.
        byte[] answer = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request"
                .getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket plain = new ServerSocket(0, 1, TlsFixtures.LOOPBACK)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket socket = plain.accept(); InputStream in = socket.getInputStream()) {
                    in.read(new byte[512]);
                    socket.getOutputStream().write(answer);
                } catch (IOException ignored) {
                    // the assertion below reports what the client saw
                }
            });
            HttpUrl url = HttpUrl.get("https://127.0.0.1:" + plain.getLocalPort() + "/v2/");
            TlsContext tls = factory.forRegistry(url, TlsSettings.none());

            IOException failure = failure(TlsFixtures.client(tls).newBuilder().retryOnConnectionFailure(false).build(), url);
            served.get(5, TimeUnit.SECONDS);

            TlsProblem problem = TlsFailureTranslator.translate(failure, tls).orElseThrow(() -> new AssertionError(failure));
            assertEquals(TlsProblem.Kind.SERVER_SPEAKS_PLAIN_HTTP, problem.kind());
            assertTrue(problem.message().startsWith("the server at 127.0.0.1:" + plain.getLocalPort()
                    + " answered in plain HTTP, not TLS: use http://"), problem.message());
        }
    }

    @Test
    void aServerThatHangsUpDuringTheHandshakeMaySpeakPlainHttp() throws Exception {
        try (ServerSocket hangsUp = new ServerSocket(0, 1, TlsFixtures.LOOPBACK)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket socket = hangsUp.accept()) {
                    socket.getInputStream().read(new byte[512]);
                } catch (IOException ignored) {
                    // the assertion below reports what the client saw
                }
            });
            HttpUrl url = HttpUrl.get("https://127.0.0.1:" + hangsUp.getLocalPort() + "/v2/");
            TlsContext tls = factory.forRegistry(url, TlsSettings.none());

            IOException failure = failure(client(tls).newBuilder().retryOnConnectionFailure(false).build(), url);
            served.get(5, TimeUnit.SECONDS);

            TlsProblem problem = TlsFailureTranslator.translate(failure, tls).orElseThrow(() -> new AssertionError(failure));
            assertEquals(TlsProblem.Kind.HANDSHAKE_FAILED, problem.kind());
            assertTrue(problem.message().contains("use http:// if it is a plain-HTTP registry"), problem.message());
        }
    }

    @Test
    void failuresThatNeverReachedTlsAreNotTranslatedAndNotProbed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, TlsFixtures.LOOPBACK)) {
            closedPort = socket.getLocalPort();
        }
        HttpUrl url = HttpUrl.get("https://127.0.0.1:" + closedPort + "/v2/");
        TlsContext tls = factory.forRegistry(url, TlsSettings.none());

        IOException failure = failure(client(tls), url);
        assertInstanceOf(ConnectException.class, failure);
        long start = System.nanoTime();

        assertEquals(Optional.empty(), TlsFailureTranslator.explain(failure, url, tls));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(1)) < 0);
    }

    @Test
    void anAlertKeptAsSuppressedExceptionIsFound() {
        // OkHttp's shape after a retry: the retry's reset on top, the first attempt's alert suppressed.
        SocketException reset = new SocketException("Broken pipe");
        reset.addSuppressed(new SSLHandshakeException("(certificate_required) Received fatal alert: certificate_required"));

        assertEquals(TlsProblem.Kind.CLIENT_CERTIFICATE_REQUIRED,
                TlsFailureTranslator.translate(reset, "registry.example:5000").orElseThrow().kind());
    }

    @Test
    void aProbeOfAServerThatAcceptsTheHandshakeFindsNothing() throws IOException {
        try (MockWebServer server = httpsServer(serverSocketFactory(PKI.serverCertificate(), List.of(), true), ClientAuth.NONE)) {
            HttpUrl url = server.url("/v2/");

            assertEquals(Optional.empty(), TlsHandshakeProbe.probe(url, trustingTestCa(url), Duration.ofMillis(300)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Client sent an HTTP request to an HTTPS server.\n",
        "<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n</html>"
    })
    void tlsServersAnswerToPlainHttpIsRecognised(String body) {
        TlsProblem problem = TlsFailureTranslator.translateResponse(400, body, "registry.example:5000").orElseThrow();

        assertEquals(TlsProblem.Kind.SERVER_EXPECTS_TLS, problem.kind());
        assertEquals("the server at registry.example:5000 expects TLS: use https:// for this registry", problem.message());
    }

    @Test
    void otherResponsesAreNotTlsProblems() {
        assertEquals(Optional.empty(), TlsFailureTranslator.translateResponse(400, "{\"errors\":[]}", "registry.example"));
        assertEquals(Optional.empty(), TlsFailureTranslator.translateResponse(200,
                "Client sent an HTTP request to an HTTPS server.", "registry.example"));
    }
}
