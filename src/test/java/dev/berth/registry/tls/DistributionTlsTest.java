package dev.berth.registry.tls;

import static dev.berth.registry.tls.TlsFixtures.client;
import static dev.berth.registry.tls.TlsFixtures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same failures against a real Go registry, whose TLS stack answers differently from the JDK's:
 * it replies to plain HTTP with a 400 page instead of an alert, and judges client certificates itself.
 */
class DistributionTlsTest {

    private static final TestPki PKI = TestPki.create("Berth Distribution CA");

    private final TlsContextFactory factory = new TlsContextFactory();

    @TempDir
    Path dir;

    private Optional<List<Path>> serverTls() {
        TestPki.Issued server = PKI.serverCertificate();
        Path certificate = server.writePem(dir, "server");
        return Optional.of(List.of(certificate, dir.resolve("server.key")));
    }

    private TlsSettings trustingTestCa() {
        return TlsSettings.none().withCaFile(PKI.writeRootPem(dir.resolve("ca.pem")));
    }

    @Test
    void plainHttpToGosTlsPortIsA400ThatIsRecognised() throws IOException {
        try (LocalDistribution registry = LocalDistribution.start(dir, serverTls(), List.of())) {
            HttpUrl url = HttpUrl.get("http://127.0.0.1:" + registry.port() + "/v2/");
            TransportSecurity.check(url, false);
            TlsContext tls = factory.forRegistry(url, trustingTestCa());

            try (Response response = client(tls).newCall(new Request.Builder().url(url).build()).execute()) {
                String body = response.body().string();
                TlsProblem problem = TlsFailureTranslator.translateResponse(response.code(), body, "127.0.0.1:" + registry.port())
                        .orElseThrow(() -> new AssertionError(response.code() + " " + body));
                assertEquals(TlsProblem.Kind.SERVER_EXPECTS_TLS, problem.kind());
            }
        }
    }

    @Test
    void httpsToAPlainGoRegistry() throws IOException {
        try (LocalDistribution registry = LocalDistribution.start(dir, Optional.empty(), List.of())) {
            HttpUrl url = HttpUrl.get("https://127.0.0.1:" + registry.port() + "/v2/");
            TlsContext tls = factory.forRegistry(url, TlsSettings.none());

            IOException failure = failure(client(tls), url);

            TlsProblem problem = TlsFailureTranslator.explain(failure, url, tls).orElseThrow(() -> new AssertionError(failure));
            assertEquals(TlsProblem.Kind.SERVER_SPEAKS_PLAIN_HTTP, problem.kind());
        }
    }

    @Test
    void goRegistryRequiringClientCertificates() throws IOException {
        Path clientCa = PKI.writeRootPem(dir.resolve("client-ca.pem"));
        Path certificate = PKI.clientCertificate("berth").writePem(dir, "client");
        try (LocalDistribution registry = LocalDistribution.start(dir, serverTls(), List.of(clientCa))) {
            HttpUrl url = HttpUrl.get("https://127.0.0.1:" + registry.port() + "/v2/");

            TlsContext without = factory.forRegistry(url, trustingTestCa());
            IOException failure = failure(client(without), url);
            TlsProblem problem = TlsFailureTranslator.explain(failure, url, without).orElseThrow(() -> new AssertionError(failure));
            assertEquals(TlsProblem.Kind.CLIENT_CERTIFICATE_REQUIRED, problem.kind());

            TlsContext with = factory.forRegistry(url,
                    trustingTestCa().withClientCertificate(ClientCertificate.pem(certificate, dir.resolve("client.key"))));
            assertEquals("200 {}", TlsFixtures.get(client(with), url).strip());
        }
    }

    @Test
    void goRegistryRejectingAStrangersClientCertificate() throws IOException {
        Path clientCa = PKI.writeRootPem(dir.resolve("client-ca.pem"));
        Path stranger = TestPki.create("Stranger CA").clientCertificate("stranger").writePem(dir, "stranger");
        try (LocalDistribution registry = LocalDistribution.start(dir, serverTls(), List.of(clientCa))) {
            HttpUrl url = HttpUrl.get("https://127.0.0.1:" + registry.port() + "/v2/");
            TlsContext tls = factory.forRegistry(url,
                    trustingTestCa().withClientCertificate(ClientCertificate.pem(stranger, dir.resolve("stranger.key"))));

            IOException failure = failure(client(tls), url);

            TlsProblem problem = TlsFailureTranslator.explain(failure, url, tls).orElseThrow(() -> new AssertionError(failure));
            // Go before 1.21 answers bad_certificate whether or not a certificate came, later ones
            // certificate_required when none did; either way the advice must point at the issuer.
            assertTrue(Set.of(TlsProblem.Kind.CLIENT_CERTIFICATE_REJECTED, TlsProblem.Kind.CLIENT_CERTIFICATE_REQUIRED)
                    .contains(problem.kind()), problem.toString());
            assertTrue(problem.message().contains(stranger.toString()), problem.message());
            assertTrue(problem.message().contains("issued by a CA the server trusts"), problem.message());
        }
    }

    @Test
    void certsDirectoryWorksAgainstGo() throws IOException {
        Path root = dir.resolve("certs.d");
        try (LocalDistribution registry = LocalDistribution.start(dir, serverTls(), List.of())) {
            Files.createDirectories(root.resolve("127.0.0.1:" + registry.port()));
            PKI.writeRootPem(root.resolve("127.0.0.1:" + registry.port()).resolve("ca.crt"));
            HttpUrl url = HttpUrl.get("https://127.0.0.1:" + registry.port() + "/v2/");

            TlsContext tls = factory.forRegistry(url, TlsSettings.none().withCertsDirectories(List.of(root)));

            assertEquals("200 {}", TlsFixtures.get(client(tls), url).strip());
        }
    }
}
