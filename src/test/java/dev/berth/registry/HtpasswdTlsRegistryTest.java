package dev.berth.registry;

import dev.berth.work.Progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.registry.Capabilities.Ability;
import dev.berth.registry.Capabilities.AuthScheme;
import dev.berth.registry.RealRegistry.Exchanged;
import dev.berth.registry.RealRegistry.Recorder;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Content;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic auth (htpasswd) over TLS with a private CA, as a company registry is often set up (T18). */
class HtpasswdTlsRegistryTest {

    private static final TestPki PKI = TestPki.create("berth-htpasswd-ca");

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static RegistrySeeder seeder;
    private static Image image;

    @BeforeAll
    static void start() {
        registry = RegistryServer.builder(work).tls(PKI).htpasswd("alice", "s3cret").htpasswd("bob", "hunter2").start();
        seeder = RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.basic("alice", "s3cret"));
        image = seeder.pushImage("secure/app", "1", 700, 500);
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    private static RegistryClient connect(Credentials credentials, Recorder recorder) throws RegistryException {
        return RealRegistry.clients().connect(RealRegistry.settings(registry, credentials),
                RealRegistry.trusting(PKI).addNetworkInterceptor(recorder));
    }

    @Test
    void rightCredentialsWork() throws Exception {
        Recorder wire = new Recorder();
        RegistryClient client = connect(Credentials.basic("alice", "s3cret"), wire);

        Capabilities caps = client.probeIncludingDeletes(Optional.empty());
        assertEquals(AuthScheme.BASIC, caps.auth());
        assertEquals(Ability.YES, caps.catalog(), caps.notes());
        assertEquals(Ability.YES, caps.deletes(), caps.notes());

        assertEquals(List.of("1"), client.tags("secure/app"));
        ManifestResponse response = client.manifest("secure/app", "1");
        assertEquals(Digest.parse(image.digest()), response.digest());
        assertTrue(wire.all().stream().allMatch(e -> e.url().startsWith("https://127.0.0.1:" + registry.port() + "/")));
        // Only the very first request goes without credentials; after the challenge every one carries them.
        List<Exchanged> all = wire.all();
        assertNull(all.get(0).authorization());
        assertTrue(all.subList(1, all.size()).stream().allMatch(e -> e.authorization() != null
                && e.authorization().startsWith("Basic ")), all.toString());
        assertEquals(1, all.stream().filter(e -> e.code() == 401).count(), "one challenge, learnt once");
    }

    @Test
    void pushWorksWithBasicAuthOverTls() throws Exception {
        RegistryClient client = connect(Credentials.basic("bob", "hunter2"), new Recorder());
        Image pushed = TestImages.ociImage(710, 3000);
        for (Content blob : pushed.blobs()) {
            client.uploadBlob("secure/pushed", RealRegistry.digest(blob), blob.size(),
                    () -> new ByteArrayInputStream(blob.bytes()), 1000, Progress.none());
        }
        client.putManifest("secure/pushed", "v1", RawBytes.of(pushed.manifest().bytes()), MediaType.OCI_MANIFEST);
        assertArrayEquals(pushed.manifest().bytes(), seeder.getManifest("secure/pushed", "v1"));
    }

    @Test
    void wrongPasswordIsUnauthorizedWithoutARetryLoop() throws Exception {
        Recorder wire = new Recorder();
        RegistryClient client = connect(Credentials.basic("alice", "wrong-password"), wire);

        RegistryException.Unauthorized e = assertThrows(RegistryException.Unauthorized.class, () -> client.tags("secure/app"));

        assertEquals(2, wire.size(), "one request to learn the scheme, one with the credentials: " + wire.all());
        assertNull(wire.all().get(0).authorization());
        assertTrue(wire.all().get(1).authorization().startsWith("Basic "));
        assertTrue(e.getMessage().contains("did not accept the credentials"), e.getMessage());
        assertTrue(e.getMessage().contains("alice"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password"), "never the secret: " + e.getMessage());

        wire.clear();
        assertThrows(RegistryException.Unauthorized.class, () -> client.manifest("secure/app", "1"));
        assertEquals(1, wire.size(), "the scheme is known now: one refused attempt, no retry");
    }

    @Test
    void noCredentialsAsksForThem() throws Exception {
        Recorder wire = new Recorder();
        RegistryClient client = connect(Credentials.anonymous(), wire);

        RegistryException.Unauthorized e = assertThrows(RegistryException.Unauthorized.class, () -> client.tags("secure/app"));

        assertTrue(e.getMessage().contains("add a username and password"), e.getMessage());
        assertEquals(1, wire.size(), "nothing to retry with");
        assertEquals(401, e.status());
    }

    @Test
    void untrustedCertificateIsATransportFailureAboutTheCertificate() throws Exception {
        // No trust configured: the JDK's default trust store does not know the test CA.
        RegistryClient client = RealRegistry.clients().connect(RealRegistry.settings(registry, Credentials.basic("alice", "s3cret")));

        RegistryException.TransportFailure e = assertThrows(RegistryException.TransportFailure.class,
                () -> client.tags("secure/app"));

        assertTrue(hasCause(e, SSLException.class), "caused by the TLS handshake");
        assertFalse(e.isTemporary(), "retrying will not make the certificate trusted");
        assertTrue(e.getMessage().contains(registry.hostPort()), e.getMessage());
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        assertTrue(message.contains("certificat") || message.contains("certification path"), e.getMessage());
        assertTrue(e.getMessage().contains("connection's TLS settings") && !e.getMessage().contains("--ca-cert"),
                "the app's advice points at its settings: " + e.getMessage());

        // Trusting another CA does not help either.
        RegistryClient other = RealRegistry.clients().connect(RealRegistry.settings(registry, Credentials.anonymous()),
                RealRegistry.trusting(TestPki.create("someone-else")));
        assertThrows(RegistryException.TransportFailure.class, () -> other.tags("secure/app"));
    }

    @Test
    void plainHttpToTheTlsPortFailsClearly() throws Exception {
        RegistryClient client = RealRegistry.clients().connect(RealRegistry.settings(registry, Credentials.basic("alice", "s3cret"))
                .withPlainHttp(true, false));

        RegistryException e = assertThrows(RegistryException.class, () -> client.tags("secure/app"));

        // Go's TLS server answers plain http with 400 "Client sent an HTTP request to an HTTPS server."
        assertTrue(e instanceof RegistryException.ProtocolViolation, e.toString());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith(registry.hostPort() + " speaks https, but this connection uses plain http"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Turn off plain HTTP"), e.getMessage());
        assertFalse(e.getMessage().contains("(:"), e.getMessage());
        assertFalse(e.isTemporary());
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) if (type.isInstance(c)) return true;
        return false;
    }
}
