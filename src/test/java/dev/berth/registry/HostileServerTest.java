package dev.berth.registry;

import dev.berth.work.CancelSignal;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.http.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a real registry cannot be made to do: hostile redirects and realms, foreign or looping
 * links, garbage and oversize bodies, slowness, rate limits. Each test is one trap.
 */
class HostileServerTest {

    private static final String MANIFEST = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":2},"layers":[]}"""
            .formatted("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");

    private final MockWebServer registry = new MockWebServer();
    private final MockWebServer other = new MockWebServer();
    private final List<RecordedRequest> registryRequests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> otherRequests = new CopyOnWriteArrayList<>();
    private final RegistryClients clients = new RegistryClients(new OkHttpClient(), Clock.systemUTC(),
            new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5)));

    @BeforeEach
    void start() throws IOException {
        registry.start(InetAddress.getLoopbackAddress(), 0);
        other.start(InetAddress.getLoopbackAddress(), 0);
        other.setDispatcher(record(otherRequests, r -> new MockResponse.Builder().code(200).body("{}").build()));
    }

    @AfterEach
    void stop() {
        registry.close();
        other.close();
    }

    @Test
    void blobRedirectToAnotherHostCarriesNoAuthorization() throws Exception {
        String blob = "layer-bytes";
        Digest digest = Digest.sha256(blob.getBytes(StandardCharsets.UTF_8));
        other.setDispatcher(record(otherRequests, r -> new MockResponse.Builder().code(200).body(blob).build()));
        registry.setDispatcher(record(registryRequests, r -> r.getHeaders().get("Authorization") == null
                ? new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"test\"").build()
                : new MockResponse.Builder().code(307).addHeader("Location", other.url("/storage/blob?sig=1")).build()));

        RegistryClient client = connect(Credentials.basic("alice", "s3cret"));
        byte[] read = client.blobBytes("team/app", Descriptor.of(MediaType.OCI_LAYER_GZIP, digest, blob.length()), 1024)
                .toByteArray();

        assertEquals(blob, new String(read, StandardCharsets.UTF_8));
        assertTrue(registryRequests.getLast().getHeaders().get("Authorization").startsWith("Basic "));
        assertEquals(1, otherRequests.size());
        assertNull(otherRequests.getFirst().getHeaders().get("Authorization"), "credentials leaked to the storage host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots"})
    void aBlobWhoseSizeTheRegistryDoesNotSayIsPresentWithSizeZero(String length) throws Exception {
        registry.setDispatcher(record(registryRequests, r -> {
            MockResponse.Builder answer = new MockResponse.Builder().code(200).removeHeader("Content-Length");
            return (length.isEmpty() ? answer : answer.addHeader("Content-Length", length)).build();
        }));
        Digest digest = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));

        assertEquals(java.util.OptionalLong.of(0), connect(Credentials.anonymous()).blobExists("team/app", digest));
    }

    @Test
    void httpsRedirectToPlainHttpIsRefused() throws Exception {
        HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1").build();
        HandshakeCertificates server = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
        registry.useHttps(server.sslSocketFactory());
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(302)
                .addHeader("Location", other.url("/v2/team/app/tags/list")).build()));

        RegistryClient client = clients.connect(ConnectionSettings.of(hostPort(registry)),
                new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()));

        RegistryException e = assertThrows(RegistryException.Refused.class, () -> client.tags("team/app"));
        assertTrue(e.getMessage().contains("plain http"), e.getMessage());
        assertEquals(0, otherRequests.size());
    }

    @Test
    void realmOnALinkLocalAddressGetsNoCredentials() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> challenge("http://169.254.169.254/latest/token")));
        RegistryClient client = connect(Credentials.basic("alice", "s3cret"));

        RegistryException e = assertThrows(RegistryException.Refused.class, () -> client.tags("team/app"));
        assertTrue(e.getMessage().contains("link-local"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/computeMetadata/v1/",
            "http://100.100.100.200/latest/meta-data/", "http://[fd00:ec2::254]/latest/meta-data/", "http://[fe80::1]/blob"})
    void redirectToALinkLocalOrMetadataAddressIsNotFollowed(String target) throws Exception {
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(307).addHeader("Location", target).build()));
        List<InetSocketAddress> contacted = new CopyOnWriteArrayList<>();
        RegistryClient client = clients.connect(ConnectionSettings.of(hostPort(registry)).withPlainHttp(true, false),
                new OkHttpClient.Builder().socketFactory(loopbackOnly(contacted)));

        RegistryException e = assertThrows(RegistryException.Refused.class, () -> client.blobBytes("team/app", someBlob(), 1024));
        assertTrue(e.getMessage().contains("link-local") && e.getMessage().contains(hostPort(registry)), e.getMessage());
        assertEquals(List.of(registry.getPort()), contacted.stream().map(InetSocketAddress::getPort).distinct().toList());
    }

    @Test
    void redirectToANameThatResolvesToTheMetadataAddressIsNotFollowed() throws Exception {
        InetAddress metadata = InetAddress.getByAddress("storage.example", new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254});
        List<String> looked = new CopyOnWriteArrayList<>();
        Dns dns = host -> {
            looked.add(host);
            return host.equals("storage.example") ? List.of(metadata) : Dns.SYSTEM.lookup(host);
        };
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(307)
                .addHeader("Location", "http://storage.example:" + other.getPort() + "/blob?sig=1").build()));
        List<InetSocketAddress> contacted = new CopyOnWriteArrayList<>();
        RegistryClient client = clients.connect(ConnectionSettings.of(hostPort(registry)).withPlainHttp(true, false),
                new OkHttpClient.Builder().dns(dns).socketFactory(loopbackOnly(contacted)));

        RegistryException e = assertThrows(RegistryException.Refused.class, () -> client.blobBytes("team/app", someBlob(), 1024));
        assertTrue(e.getMessage().contains("storage.example") && e.getMessage().contains("link-local"), e.getMessage());
        assertTrue(looked.contains("storage.example"), "the name was resolved and its address judged: " + looked);
        assertTrue(contacted.stream().allMatch(a -> a.getAddress().isLoopbackAddress()), contacted.toString());
        assertEquals(0, otherRequests.size());
    }

    @Test
    void realmWithUserInfoIsRefused() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> challenge(other.url("/token").newBuilder()
                .username("evil").password("x").build().toString())));
        RegistryClient client = connect(Credentials.basic("alice", "s3cret"));

        assertThrows(RegistryException.Refused.class, () -> client.tags("team/app"));
        assertEquals(0, otherRequests.size());
    }

    @Test
    void realmThatChangesMidSessionIsRefused() throws Exception {
        MockWebServer second = new MockWebServer();
        second.start(InetAddress.getLoopbackAddress(), 0);
        try (second) {
            second.setDispatcher(record(new CopyOnWriteArrayList<>(), r -> token("t2")));
            other.setDispatcher(record(otherRequests, r -> token("t1")));
            registry.setDispatcher(record(registryRequests, r -> {
                String auth = r.getHeaders().get("Authorization");
                if (r.getUrl().encodedPath().contains("/first/")) {
                    return auth == null ? challenge(other.url("/token").toString()) : json(200, "{\"tags\":[\"a\"]}");
                }
                return challenge(second.url("/token").toString());
            }));
            RegistryClient client = connect(Credentials.basic("alice", "s3cret"));

            assertEquals(List.of("a"), client.tags("first/app"));
            RegistryException e = assertThrows(RegistryException.class, () -> client.tags("second/app"));
            assertTrue(e instanceof RegistryException.Refused || e instanceof RegistryException.Unauthorized, e.toString());
            assertEquals(0, second.getRequestCount(), "credentials were sent to a realm that changed");
        }
    }

    @Test
    void tokenServiceRedirectIsNotFollowed() throws Exception {
        other.setDispatcher(record(otherRequests, r -> new MockResponse.Builder().code(302)
                .addHeader("Location", "http://127.0.0.1:1/steal").build()));
        registry.setDispatcher(record(registryRequests, r -> challenge(other.url("/token").toString())));
        RegistryClient client = connect(Credentials.basic("alice", "s3cret"));

        RegistryException e = assertThrows(RegistryException.Refused.class, () -> client.tags("team/app"));
        assertTrue(e.getMessage().contains("redirect"), e.getMessage());
    }

    @Test
    void nextPageLinkToAnotherHostIsRefused() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader("Link", "<" + other.url("/v2/_catalog?last=a&n=1") + ">; rel=\"next\"")
                .body("{\"repositories\":[\"a\"]}").build()));
        RegistryClient client = connect(Credentials.anonymous());

        RegistryException e = assertThrows(RegistryException.Refused.class, client::catalog);
        assertTrue(e.getMessage().contains("another host"), e.getMessage());
        assertEquals(0, otherRequests.size());
    }

    @Test
    void linkLoopStopsInsteadOfSpinning() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> {
            boolean second = r.getUrl().queryParameter("last") != null;
            return new MockResponse.Builder().code(200)
                    .addHeader("Link", second ? "</v2/_catalog?n=1>; rel=\"next\"" : "</v2/_catalog?last=a&n=1>; rel=\"next\"")
                    .body(second ? "{\"repositories\":[\"b\"]}" : "{\"repositories\":[\"a\"]}").build();
        }));
        RegistryClient client = connect(Credentials.anonymous());

        assertEquals(List.of("a", "b"), client.catalog());
        assertTrue(registryRequests.size() <= 4, "requests: " + registryRequests.size());
    }

    @Test
    void relativeLinksAreResolvedAndPagesMergedSortedAndDeduplicated() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> {
            String last = r.getUrl().queryParameter("last");
            if (last == null) return page("{\"repositories\":[\"zeta\",\"alpha\"]}", "/v2/_catalog?last=zeta&n=2");
            return page("{\"repositories\":[\"alpha\",\"mid\"]}", null);
        }));
        assertEquals(List.of("alpha", "mid", "zeta"), connect(Credentials.anonymous()).catalog());
    }

    @Test
    void pageSizeRefusedByTheRegistryIsRetriedSmaller() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> "1000".equals(r.getUrl().queryParameter("n"))
                ? json(400, "{\"errors\":[{\"code\":\"PAGINATION_NUMBER_INVALID\",\"message\":\"invalid number of results requested\"}]}")
                : json(200, "{\"repositories\":[\"a\"]}")));
        assertEquals(List.of("a"), connect(Credentials.anonymous()).catalog());
        assertEquals("100", registryRequests.getLast().getUrl().queryParameter("n"));
    }

    @Test
    void garbageJsonIsAProtocolViolationNotACrash() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> json(200, "<html>proxy error</html>")));
        RegistryClient client = connect(Credentials.anonymous());

        RegistryException tags = assertThrows(RegistryException.ProtocolViolation.class, () -> client.tags("team/app"));
        assertTrue(tags.getMessage().contains("not valid JSON"), tags.getMessage());
        RegistryException manifest = assertThrows(RegistryException.ProtocolViolation.class, () -> client.manifest("team/app", "v1"));
        assertTrue(manifest.getMessage().contains("malformed"), manifest.getMessage());
    }

    @Test
    void oversizeManifestIsRefused() throws Exception {
        String huge = "{\"schemaVersion\":2,\"pad\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", MediaType.OCI_MANIFEST.value()).body(huge).build()));

        RegistryException e = assertThrows(RegistryException.ProtocolViolation.class,
                () -> connect(Credentials.anonymous()).manifest("team/app", "v1"));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void slowServerTimesOutWithAMessage() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(200)
                .headersDelay(3, TimeUnit.SECONDS).body("{\"tags\":[]}").build()));
        RegistryClient client = clients.connect(ConnectionSettings.of(hostPort(registry)).withPlainHttp(true, false)
                .withTimeout(Duration.ofMillis(300)));

        RegistryException e = assertThrows(RegistryException.TransportFailure.class, () -> client.tags("team/app"));
        // Whichever ends it first, the read timeout or the exchange's deadline: the registry is named, the fix given.
        assertTrue(e.getMessage().contains(hostPort(registry)) && e.getMessage().contains("timeout"), e.getMessage());
        assertTrue(e.isTemporary());
    }

    @Test
    void cancellingAbortsABlockedCallAndIsNotAnError() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(200)
                .headersDelay(20, TimeUnit.SECONDS).body("{\"tags\":[]}").build()));
        CancelSignal signal = new CancelSignal();
        RegistryClient client = connect(Credentials.anonymous()).withCancel(signal);

        CompletableFuture<List<String>> tags = CompletableFuture.supplyAsync(() -> {
            try {
                return client.tags("team/app");
            } catch (RegistryException e) {
                throw new IllegalStateException(e);
            }
        });
        while (registryRequests.isEmpty()) Thread.sleep(10);
        signal.cancel();

        Exception e = assertThrows(Exception.class, () -> tags.get(5, TimeUnit.SECONDS));
        assertInstanceOf(CancellationException.class, e.getCause(), String.valueOf(e.getCause()));
    }

    @Test
    void rateLimitIsWaitedOutWhenRetryAfterIsShort() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> registryRequests.size() == 1
                ? new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("Too Many Requests").build()
                : json(200, "{\"tags\":[\"v1\"]}")));
        long start = System.nanoTime();

        assertEquals(List.of("v1"), connect(Credentials.anonymous()).tags("team/app"));
        assertEquals(2, registryRequests.size());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(900).toNanos(), "Retry-After was not honoured");
    }

    @Test
    void longRateLimitIsReportedWithTheWaitInsteadOfBlocking() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(429)
                .addHeader("Retry-After", "3600").body("You have reached your pull rate limit.").build()));

        RegistryException.RateLimited e = assertThrows(RegistryException.RateLimited.class,
                () -> connect(Credentials.anonymous()).tags("team/app"));
        assertEquals(Optional.of(Duration.ofHours(1)), e.retryAfter());
        assertTrue(e.getMessage().contains("3600 s") && e.getMessage().contains("pull rate limit"), e.getMessage());
        assertEquals(1, registryRequests.size());
    }

    @Test
    void wrongPasswordIsOneRetryNotALoop() throws Exception {
        registry.setDispatcher(record(registryRequests, r ->
                new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"test\"")
                        .body("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}").build()));

        RegistryException e = assertThrows(RegistryException.Unauthorized.class,
                () -> connect(Credentials.basic("alice", "wrong")).tags("team/app"));
        assertEquals(2, registryRequests.size());
        assertTrue(e.getMessage().contains("did not accept the credentials"), e.getMessage());
        assertTrue(!e.getMessage().contains("wrong"), "the password leaked into the message: " + e.getMessage());
    }

    @Test
    void insufficientScopeAsksOnceMoreForTheUnion() throws Exception {
        List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
        other.setDispatcher(record(tokenRequests, r -> token(String.join("+", r.getUrl().queryParameterValues("scope")))));
        registry.setDispatcher(record(registryRequests, r -> {
            String auth = r.getHeaders().get("Authorization");
            if (auth == null) return challenge(other.url("/token").toString(), "repository:team/app:pull");
            if (!auth.contains("delete")) {
                return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Bearer realm=\"" + other.url("/token")
                        + "\",service=\"reg\",scope=\"repository:team/app:delete\",error=\"insufficient_scope\"").build();
            }
            return json(200, "{\"tags\":[\"v1\"]}");
        }));

        assertEquals(List.of("v1"), connect(Credentials.anonymous()).tags("team/app"));
        assertEquals(2, tokenRequests.size());
        assertEquals(List.of("repository:team/app:delete,pull"), tokenRequests.getLast().getUrl().queryParameterValues("scope"));
    }

    @Test
    void manifestRequestsSendOneAcceptHeaderWithEveryManifestType() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", MediaType.OCI_MANIFEST.value()).body(MANIFEST).build()));

        connect(Credentials.anonymous()).manifest("team/app", "v1");
        List<String> accept = registryRequests.getFirst().getHeaders().values("Accept");
        assertEquals(1, accept.size(), "Accept must be one comma-joined header (T3)");
        for (MediaType type : MediaType.MANIFEST_TYPES) assertTrue(accept.getFirst().contains(type.value()), accept.getFirst());
    }

    @Test
    void manifestWhoseDigestHeaderDisagreesWithItsBytesIsRejected() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", MediaType.OCI_MANIFEST.value())
                .addHeader("Docker-Content-Digest", "sha256:" + "1".repeat(64)).body(MANIFEST).build()));

        RegistryException e = assertThrows(RegistryException.ProtocolViolation.class,
                () -> connect(Credentials.anonymous()).manifest("team/app", "v1"));
        assertTrue(e.getMessage().contains("hashes to"), e.getMessage());
    }

    @Test
    void contentFetchedByDigestMustMatchIt() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", MediaType.OCI_MANIFEST.value()).body(MANIFEST).build()));
        String wrong = "sha256:" + "2".repeat(64);

        assertThrows(RegistryException.ProtocolViolation.class, () -> connect(Credentials.anonymous()).manifest("team/app", wrong));
    }

    @Test
    void headWithoutDigestHeaderFallsBackToHashingTheBody() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> r.getMethod().equals("HEAD")
                ? new MockResponse.Builder().code(200).addHeader("Content-Type", MediaType.OCI_MANIFEST.value()).build()
                : new MockResponse.Builder().code(200).addHeader("Content-Type", MediaType.OCI_MANIFEST.value()).body(MANIFEST).build()));

        ManifestHead head = connect(Credentials.anonymous()).headManifest("team/app", "v1");
        assertEquals(Digest.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8)), head.digest());
        assertEquals(List.of("HEAD", "GET"), registryRequests.stream().map(RecordedRequest::getMethod).toList());
    }

    @Test
    void convertedSchema1AnswerIsNeverDeletable() throws Exception {
        String schema1 = "{\"schemaVersion\":1,\"name\":\"team/app\",\"tag\":\"v1\",\"fsLayers\":[]}";
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(200)
                .addHeader("Content-Type", MediaType.DOCKER_SCHEMA1_SIGNED.value()).body(schema1).build()));

        ManifestResponse response = connect(Credentials.anonymous()).manifest("team/app", "v1");
        assertTrue(response.deletable().isEmpty(), "a schema1 digest must not be offered for deletion (T1)");
    }

    @Test
    void plainTextErrorBodiesReachTheMessage() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> new MockResponse.Builder().code(404)
                .addHeader("Content-Type", "text/plain").body("404 page not found").build()));

        RegistryException e = assertThrows(RegistryException.NotFound.class,
                () -> connect(Credentials.anonymous()).tags("team/app"));
        assertTrue(e.getMessage().contains("404 page not found"), e.getMessage());
    }

    @Test
    void temporaryServerErrorsAreRetriedForReadsOnly() throws Exception {
        registry.setDispatcher(record(registryRequests, r -> registryRequests.size() < 3
                ? json(503, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"busy\"}]}")
                : json(200, "{\"tags\":[\"v1\"]}")));
        assertEquals(List.of("v1"), connect(Credentials.anonymous()).tags("team/app"));
        assertEquals(3, registryRequests.size());
    }

    @Test
    void plainHttpToARemoteHostIsRefusedUnlessOptedIn() {
        RegistryException e = assertThrows(RegistryException.Refused.class,
                () -> clients.connect(ConnectionSettings.of("registry.example.com:5000").withPlainHttp(true, false)));
        assertTrue(e.getMessage().contains("Plain HTTP"), e.getMessage());
        // Opting in is the user's explicit decision; connecting sends nothing yet.
        assertDoesNotThrow(() -> clients.connect(ConnectionSettings.of("registry.example.com:5000").withPlainHttp(true, true)));
    }

    // Fixtures

    private static Descriptor someBlob() {
        byte[] bytes = "blob".getBytes(StandardCharsets.UTF_8);
        return Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length);
    }

    /**
     * Sockets that record every address they are asked to connect to and refuse all but loopback: proof of
     * what was contacted, and a test that can never reach a real metadata service even if the guard breaks.
     */
    private static SocketFactory loopbackOnly(List<InetSocketAddress> contacted) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public void connect(SocketAddress endpoint, int timeout) throws IOException {
                        InetSocketAddress address = (InetSocketAddress) endpoint;
                        contacted.add(address);
                        if (!address.getAddress().isLoopbackAddress()) throw new ConnectException("test: not loopback");
                        super.connect(endpoint, timeout);
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private RegistryClient connect(Credentials credentials) throws RegistryException {
        return clients.connect(ConnectionSettings.of(hostPort(registry)).withPlainHttp(true, false).withCredentials(credentials));
    }

    private static String hostPort(MockWebServer server) {
        return server.getHostName() + ":" + server.getPort();
    }

    private static Dispatcher record(List<RecordedRequest> requests, Function<RecordedRequest, MockResponse> answer) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer.apply(request);
            }
        };
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse page(String body, String next) {
        MockResponse.Builder builder = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body);
        if (next != null) builder.addHeader("Link", "<" + next + ">; rel=\"next\"");
        return builder.build();
    }

    private static MockResponse challenge(String realm) {
        return challenge(realm, "repository:team/app:pull");
    }

    private static MockResponse challenge(String realm, String scope) {
        return new MockResponse.Builder().code(401)
                .addHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"reg\",scope=\"" + scope + "\"").build();
    }

    private static MockResponse token(String value) {
        return json(200, "{\"token\":\"" + value + "\",\"expires_in\":300}");
    }
}
