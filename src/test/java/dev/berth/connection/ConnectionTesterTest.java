package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.TlsOptions.ClientCertificateFiles;
import dev.berth.registry.Capabilities;
import dev.berth.registry.Capabilities.Ability;
import dev.berth.registry.Capabilities.AuthScheme;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.tls.TlsContextFactory;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved connections against real Distribution registries: one plain-HTTP without auth, one behind
 * htpasswd and TLS with a private CA given as the connection's CA file.
 */
class ConnectionTesterTest {

    private static final TestPki PKI = TestPki.create("berth-connection-ca");
    private static final Instant NOW = Instant.parse("2025-06-07T08:09:10Z");

    @TempDir
    static Path work;

    private static RegistryServer plain;
    private static RegistryServer secure;
    private static Path caFile;

    private final MemorySecretStore secrets = new MemorySecretStore("tests keep secrets in memory.");
    private final CredentialsResolver resolver = new CredentialsResolver(secrets, () -> {
        throw new AssertionError("Docker's config is not consulted in these tests");
    });
    // No certs.d roots: the user's /etc/docker/certs.d must not change what these tests see.
    private final ConnectionTester tester = new ConnectionTester(new RegistryClients(), new TlsContextFactory(), List.of(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void start() {
        plain = RegistryServer.builder(work).start();
        RegistrySeeder.of(plain).pushImage("team/app", "1", 11, 300);
        secure = RegistryServer.builder(work).tls(PKI).htpasswd("alice", "s3cret").start();
        RegistrySeeder.of(secure).withAuthorization(RegistrySeeder.basic("alice", "s3cret")).pushImage("secure/app", "1", 12, 300);
        caFile = PKI.writeRootPem(work.resolve("ca.pem"));
    }

    @AfterAll
    static void stop() {
        if (plain != null) plain.close();
        if (secure != null) secure.close();
    }

    private Connection secureConnection() throws Exception {
        Connection c = Connection.create("https://localhost:" + secure.port() + "/")
                .withAuth(AuthMode.PASSWORD, Optional.of("alice"))
                .withTls(TlsOptions.system().withCaFile(Optional.of(caFile)));
        secrets.put(SecretKey.login(c.id()), Credentials.basic("alice", "s3cret"));
        return c;
    }

    @Test
    void plainLoopbackRegistryIsProbedAndRemembered() throws Exception {
        // Not marked plain-HTTP: for a loopback host the scheme is found out, as Docker does.
        Connection c = Connection.create("localhost:" + plain.port());
        assertFalse(c.plainHttp());

        Connection probed = tester.probeAndRemember(c, resolver.resolve(c));

        Capabilities caps = probed.lastProbe().orElseThrow().capabilities();
        assertEquals(NOW, probed.lastProbe().orElseThrow().probedAt());
        assertEquals(AuthScheme.NONE, caps.auth());
        assertEquals(Ability.YES, caps.catalog(), caps.notes());
        assertEquals(Ability.YES, caps.deletes(), caps.notes());
        assertEquals(Optional.of("team/app"), caps.sampleRepository());
    }

    @Test
    void explicitPlainHttpWorksToo() throws Exception {
        Connection c = Connection.create("http://127.0.0.1:" + plain.port());
        assertTrue(c.plainHttp());
        assertEquals(List.of("team/app"), tester.connect(c, resolver.resolve(c)).catalog());
    }

    @Test
    void htpasswdOverTlsWithTheConnectionsCaFile() throws Exception {
        Connection c = secureConnection();

        Capabilities caps = tester.probe(c, resolver.resolve(c));

        assertEquals(AuthScheme.BASIC, caps.auth());
        assertEquals(Ability.YES, caps.catalog(), caps.notes());
        assertEquals(Ability.YES, caps.deletes(), caps.notes());
        assertEquals(List.of("1"), tester.connect(c, resolver.resolve(c)).tags("secure/app"));
    }

    @Test
    void aHandAddedRepositoryIsWhatTheProbeLooksAt() throws Exception {
        Connection c = secureConnection().withRepository("secure/app");
        assertEquals(Optional.of("secure/app"), tester.probe(c, resolver.resolve(c)).sampleRepository());
    }

    @Test
    void withoutTheCaTheFailureIsATransportProblemNotATrustAll() throws Exception {
        Connection c = secureConnection().withTls(TlsOptions.system());
        RegistryException e = assertThrows(RegistryException.class, () -> tester.probe(c, resolver.resolve(c)));
        assertInstanceOf(RegistryException.TransportFailure.class, e, e.getMessage());
    }

    @Test
    void aWrongPasswordIsUnauthorized() throws Exception {
        Connection c = secureConnection();
        secrets.put(SecretKey.login(c.id()), Credentials.basic("alice", "wrong"));
        assertThrows(RegistryException.Unauthorized.class, () -> tester.probe(c, resolver.resolve(c)));
    }

    @Test
    void aMissingCaFileNamesTheFile() throws Exception {
        Path missing = work.resolve("no-such-ca.pem");
        Connection c = secureConnection().withTls(TlsOptions.system().withCaFile(Optional.of(missing)));
        RegistryException e = assertThrows(RegistryException.TransportFailure.class, () -> tester.probe(c, resolver.resolve(c)));
        assertTrue(e.getMessage().contains("TLS settings of"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aPkcs12ClientCertificateIsOpenedWithItsStoredPassword() throws Exception {
        Path p12 = PKI.clientCertificate("berth-user").writePkcs12(work.resolve("client-" + System.nanoTime() + ".p12"),
                "p12-pass".toCharArray());
        Connection c = secureConnection().withTls(new TlsOptions(Optional.of(caFile),
                Optional.of(new ClientCertificateFiles.Pkcs12(p12))));
        secrets.put(SecretKey.clientCertificate(c.id()), Credentials.basic("pkcs12", "p12-pass"));
        // The registry does not ask for a client certificate; what counts is that the file opened.
        assertEquals(AuthScheme.BASIC, tester.probe(c, resolver.resolve(c)).auth());

        secrets.put(SecretKey.clientCertificate(c.id()), Credentials.basic("pkcs12", "not-the-password"));
        RegistryException e = assertThrows(RegistryException.TransportFailure.class, () -> tester.probe(c, resolver.resolve(c)));
        assertTrue(e.getMessage().contains(p12.toString()), e.getMessage());
    }

    @Test
    void aPlainLocalRegistryIsOfferedOnTheWelcomePane() {
        Connection candidate = tester.localhostCandidate(plain.port()).orElseThrow();
        assertEquals("localhost:" + plain.port(), candidate.registry());
        assertTrue(candidate.plainHttp());
    }

    @Test
    void aTlsLocalRegistryIsOfferedEvenBeforeItsCaIsTrusted() {
        Connection candidate = tester.localhostCandidate(secure.port()).orElseThrow();
        assertEquals("localhost:" + secure.port(), candidate.registry());
        assertFalse(candidate.plainHttp());
    }

    @Test
    void aPortWithNothingOnItOffersNothingQuickly() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        assertEquals(Optional.empty(), tester.localhostCandidate(port));
        assertTrue(System.nanoTime() - start < 2 * ConnectionTester.LOCAL_CHECK_TIMEOUT.toNanos() + 1_000_000_000L);
    }

    @Test
    void aWebServerThatIsNoRegistryIsNotOffered() throws IOException {
        // Port 5000 is a favourite of web frameworks (and of macOS's AirPlay receiver).
        try (MockWebServer web = new MockWebServer()) {
            web.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(404).body("Not Found").build();
                }
            });
            web.start(InetAddress.getLoopbackAddress(), 0);
            assertEquals(Optional.empty(), tester.localhostCandidate(web.getPort()));
        }
    }
}
