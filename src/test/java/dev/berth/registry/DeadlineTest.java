package dev.berth.registry;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.registry.http.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that answers, but too slowly to ever finish: headers at once, then a byte every half
 * second, so no single read times out. Every exchange must still end within a bound derived from
 * the connection's timeout (1 s here), and say which registry was too slow.
 */
class DeadlineTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Generous: the deadline is about 1 s; without one, these servers keep a call open for 30 s or more. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final MockWebServer registry = new MockWebServer();
    private final MockWebServer tokens = new MockWebServer();
    private final RegistryClients clients = new RegistryClients(new OkHttpClient(), Clock.systemUTC(),
            new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5)));

    @BeforeEach
    void start() throws IOException {
        registry.start(InetAddress.getLoopbackAddress(), 0);
        tokens.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        registry.close();
        tokens.close();
    }

    @Test
    void drippedTagListFailsInBoundedTimeNamingTheRegistry() {
        answer(registry, r -> dripping("{\"name\":\"team/app\",\"tags\":[" + "\"v1\",".repeat(20) + "\"v2\"]}"));
        RegistryClient client = connect();

        assertTooSlow(() -> client.tags("team/app"));
    }

    @Test
    void drippedCatalogFailsInBoundedTime() {
        answer(registry, r -> dripping("{\"repositories\":[" + "\"team/app\",".repeat(10) + "\"x\"]}"));
        RegistryClient client = connect();

        assertTooSlow(client::catalog);
    }

    @Test
    void drippedManifestFailsInBoundedTime() {
        answer(registry, r -> dripping("{\"schemaVersion\":2," + " ".repeat(100) + "}"));
        RegistryClient client = connect();

        assertTooSlow(() -> client.manifest("team/app", "v1"));
    }

    @Test
    void drippedTokenAnswerFailsInBoundedTime() {
        answer(registry, r -> new MockResponse.Builder().code(401).addHeader("WWW-Authenticate",
                "Bearer realm=\"" + tokens.url("/token") + "\",service=\"reg\"").build());
        answer(tokens, r -> dripping("{\"token\":\"" + "t".repeat(100) + "\"}"));
        RegistryClient client = connect();

        assertTooSlow(() -> client.tags("team/app"));
    }

    @Test
    void drippedBlobFailsInBoundedTimeThoughItsDeadlineGrowsWithItsSize() {
        String blob = "b".repeat(200);
        Descriptor descriptor = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(blob.getBytes(StandardCharsets.UTF_8)),
                blob.length());
        answer(registry, r -> dripping(blob));
        RegistryClient client = connect();

        assertTooSlow(() -> client.blobBytes("team/app", descriptor, 1024));
    }

    @Test
    void drippedBlobDownloadFailsInBoundedTime(@TempDir Path dir) {
        String blob = "d".repeat(200);
        Descriptor descriptor = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(blob.getBytes(StandardCharsets.UTF_8)),
                blob.length());
        answer(registry, r -> dripping(blob));
        RegistryClient client = connect();

        assertTooSlow(() -> client.downloadBlob("team/app", descriptor, dir.resolve("layer"), amount -> { }));
    }

    @Test
    void aBlobSlowerThanTheTimeoutButSteadyStillArrives(@TempDir Path dir) throws Exception {
        byte[] blob = new byte[640 * 1024];
        new java.util.Random(7).nextBytes(blob);
        Descriptor descriptor = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(blob), blob.length);
        // 320 KiB/s: about 2 s for the whole blob, twice the timeout, but far above the throughput floor.
        answer(registry, r -> new MockResponse.Builder().code(200).body(new okio.Buffer().write(blob))
                .throttleBody(64 * 1024, 200, TimeUnit.MILLISECONDS).build());
        RegistryClient client = connect();

        client.downloadBlob("team/app", descriptor, dir.resolve("layer"), amount -> { });
        assertTrue(java.util.Arrays.equals(blob, java.nio.file.Files.readAllBytes(dir.resolve("layer"))));
    }

    @Test
    void slowRedirectChainIsBoundedAsAWholeNotPerHop() {
        // Each hop answers within the 1 s read timeout; six of them would take 4.8 s.
        answer(registry, r -> new MockResponse.Builder().code(307).headersDelay(800, TimeUnit.MILLISECONDS)
                .addHeader("Location", "/v2/").build());
        RegistryClient client = connect();

        long start = System.nanoTime();
        assertTooSlow(() -> client.probe(Optional.of("team/app")));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0,
                "the redirects were bounded per hop, not as a whole");
    }

    @Test
    void schemeProbeIsBoundedByTheConnectionsTimeoutWhenShorterThanItsOwn() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1").build();
        HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
        registry.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
        answer(registry, r -> new MockResponse.Builder().code(200).headersDelay(4, TimeUnit.SECONDS).build());
        OkHttpClient.Builder trusting = new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());

        long start = System.nanoTime();
        clients.connectDetectingScheme(ConnectionSettings.of(registry.getHostName() + ":" + registry.getPort())
                .withTimeout(TIMEOUT), trusting);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Its own 5 s would still be waiting for the 4 s headers; the connection allows 1 s.
        assertTrue(took.compareTo(Duration.ofMillis(3500)) < 0, "the probe took " + took);
    }

    // Fixtures

    private void assertTooSlow(org.junit.jupiter.api.function.Executable call) {
        RegistryException e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(RegistryException.TransportFailure.class, call),
                "a dripping server kept the call open");
        String host = registry.getHostName() + ":" + registry.getPort();
        String tokenHost = tokens.getHostName() + ":" + tokens.getPort();
        assertTrue(e.getMessage().contains(host) || e.getMessage().contains(tokenHost), e.getMessage());
        assertTrue(e.getMessage().contains("timeout"), "says what to do: " + e.getMessage());
        assertTrue(e.isTemporary());
    }

    private RegistryClient connect() {
        try {
            return clients.connect(ConnectionSettings.of(registry.getHostName() + ":" + registry.getPort())
                    .withPlainHttp(true, false).withTimeout(TIMEOUT));
        } catch (RegistryException e) {
            throw new AssertionError(e);
        }
    }

    /** Headers at once, then one byte every 500 ms: never idle long enough for a read timeout. */
    private static MockResponse dripping(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("Docker-Content-Digest", "sha256:" + "0".repeat(64))
                .body(body).throttleBody(1, 500, TimeUnit.MILLISECONDS).build();
    }

    private static void answer(MockWebServer server, Function<RecordedRequest, MockResponse> answer) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer.apply(request);
            }
        });
    }
}
