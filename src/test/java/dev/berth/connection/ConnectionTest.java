package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.TlsOptions.ClientCertificateFiles;
import dev.berth.registry.Capabilities;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.tls.ClientCertificate;
import dev.berth.registry.tls.TlsSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The connection record: validation, normalisation, copies, and the settings it turns into. */
class ConnectionTest {

    static final Capabilities CAPS = new Capabilities(Capabilities.AuthScheme.BASIC, Capabilities.Ability.YES,
            Capabilities.Ability.NO, Capabilities.TagDeletion.NOT_SUPPORTED, Capabilities.Ability.UNKNOWN,
            Optional.of("team/app"), "a note");

    @Test
    void createdFromAPastedUrl() {
        Connection c = Connection.create("https://Registry.Example:5000/v2/");
        assertEquals("registry.example:5000", c.registry());
        assertEquals("registry.example:5000", c.name());
        assertEquals(AuthMode.NONE, c.auth());
        assertFalse(c.plainHttp());
        assertEquals(TlsOptions.system(), c.tls());
    }

    @Test
    void httpIsHonouredForLoopbackOnly() {
        assertTrue(Connection.create("http://localhost:5000").plainHttp());
        assertFalse(Connection.create("http://registry.example:5000").plainHttp(), "a remote host needs the explicit opt-in");
    }

    @Test
    void dockerHubIsNamedAndReachedThroughItsApiHost() {
        Connection hub = Connection.create("https://index.docker.io/v1/");
        assertEquals("docker.io", hub.registry());
        assertEquals("Docker Hub", hub.name());
        assertEquals("registry-1.docker.io", hub.apiHost());
        assertEquals("registry-1.docker.io", hub.settings(Credentials.anonymous()).host());
    }

    @Test
    void plainHttpToARemoteHostNeedsTheOptIn() {
        Connection remote = Connection.create("registry.example:5000");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> remote.withPlainHttp(true, false));
        assertTrue(e.getMessage().contains("allow insecure HTTP"), e.getMessage());
        Connection optedIn = remote.withPlainHttp(true, true);
        assertTrue(optedIn.plainHttp() && optedIn.allowInsecureRemote());
        assertFalse(optedIn.withPlainHttp(false, true).allowInsecureRemote(), "the opt-in goes with plain HTTP");
    }

    @Test
    void passwordSignInNeedsAUsername() {
        Connection c = Connection.create("ghcr.io");
        assertThrows(IllegalArgumentException.class, () -> c.withAuth(AuthMode.PASSWORD, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> c.withAuth(AuthMode.PASSWORD, Optional.of("  ")));
        assertEquals(Optional.of("alice"), c.withAuth(AuthMode.PASSWORD, Optional.of(" alice ")).username());
    }

    @Test
    void nameIsRequiredAndTrimmed() {
        Connection c = Connection.create("ghcr.io");
        assertEquals("Work", c.withName("  Work ").name());
        assertThrows(IllegalArgumentException.class, () -> c.withName(" "));
    }

    @Test
    void repositoriesAreValidatedDeduplicatedAndHubNamesQualified() {
        Connection hub = Connection.create("docker.io").withRepository("nginx").withRepository("library/nginx")
                .withRepository("acme/app");
        assertEquals(List.of("library/nginx", "acme/app"), hub.repositories());
        assertEquals(List.of("acme/app"), hub.withoutRepository("nginx").repositories());

        Connection ghcr = Connection.create("ghcr.io").withRepository("app");
        assertEquals(List.of("app"), ghcr.repositories(), "only Docker Hub has library/");
        assertThrows(IllegalArgumentException.class, () -> ghcr.withRepository("Team/App"));
        assertThrows(NullPointerException.class, () -> ghcr.withRepositories(java.util.Arrays.asList("a", null)));
    }

    @Test
    void duplicateHasANewIdAndACopyName() {
        Connection original = Connection.create("localhost:5000").withName("Local").withRepository("team/app")
                .withProbe(CAPS, Instant.parse("2025-01-02T03:04:05Z"));
        Connection copy = original.duplicate();
        assertNotEquals(original.id(), copy.id());
        assertEquals("Copy of Local", copy.name());
        assertEquals(original.registry(), copy.registry());
        assertEquals(original.repositories(), copy.repositories());
        assertEquals(original.lastProbe(), copy.lastProbe(), "same registry, same badges");
    }

    @Test
    void anotherRegistryForgetsTheProbeAndAnUnallowedPlainHttp() {
        Connection local = Connection.create("http://localhost:5000").withProbe(CAPS, Instant.EPOCH);
        Connection moved = local.withRegistry("registry.example");
        assertEquals(Optional.empty(), moved.lastProbe());
        assertFalse(moved.plainHttp());
        assertEquals(local, local.withRegistry("http://localhost:5000/v2/"), "the same registry changes nothing");
    }

    @Test
    void buildsClientSettings() {
        Connection c = Connection.create("http://localhost:5000").withAuth(AuthMode.PASSWORD, Optional.of("alice"));
        ConnectionSettings settings = c.settings(Credentials.basic("alice", "pw"));
        assertEquals("localhost:5000", settings.host());
        assertTrue(settings.plainHttp());
        assertFalse(settings.allowInsecureRemote());
        assertEquals(Credentials.basic("alice", "pw"), settings.credentials());
    }

    @Test
    void buildsTlsSettingsWithThePkcs12PasswordFromTheSecrets() {
        Path ca = Path.of("/etc/berth/ca.pem");
        Path p12 = Path.of("/etc/berth/client.p12");
        Connection c = Connection.create("registry.example").withTls(new TlsOptions(Optional.of(ca),
                Optional.of(new ClientCertificateFiles.Pkcs12(p12))));
        List<Path> certsD = List.of(Path.of("/etc/docker/certs.d"));

        TlsSettings tls = c.tlsSettings(certsD, new ConnectionSecrets(Credentials.anonymous(), Optional.of("p12-pass")));
        assertEquals(Optional.of(ca), tls.caFile());
        assertEquals(certsD, tls.certsDirectories());
        ClientCertificate.Pkcs12File client = (ClientCertificate.Pkcs12File) tls.clientCertificate().orElseThrow();
        assertEquals(p12, client.file());
        assertArrayEquals("p12-pass".toCharArray(), client.password());

        assertThrows(IllegalArgumentException.class, () -> c.tlsSettings(certsD, ConnectionSecrets.anonymous()));
    }

    @Test
    void pemClientCertificateNeedsNoPassword() {
        Connection c = Connection.create("registry.example").withTls(TlsOptions.system().withClientCertificate(
                Optional.of(new ClientCertificateFiles.Pem(Path.of("/c/client.crt"), Path.of("/c/client.key")))));
        assertFalse(c.tls().needsClientCertificatePassword());
        assertEquals(ClientCertificate.pem(Path.of("/c/client.crt"), Path.of("/c/client.key")),
                c.tlsSettings(List.of(), ConnectionSecrets.anonymous()).clientCertificate().orElseThrow());
    }

    @Test
    void tlsPathsMustBeAbsolute() {
        assertThrows(IllegalArgumentException.class, () -> TlsOptions.system().withCaFile(Optional.of(Path.of("ca.pem"))));
        assertThrows(IllegalArgumentException.class, () -> new ClientCertificateFiles.Pkcs12(Path.of("client.p12")));
    }

    @Test
    void secretsNeverShowInToString() {
        ConnectionSecrets secrets = new ConnectionSecrets(Credentials.basic("alice", "hunter2-secret"), Optional.of("p12-secret"));
        assertFalse(secrets.toString().contains("hunter2-secret"), secrets.toString());
        assertFalse(secrets.toString().contains("p12-secret"), secrets.toString());
        Connection c = Connection.create("ghcr.io").withAuth(AuthMode.PASSWORD, Optional.of("alice"));
        assertFalse(c.toString().contains("hunter2-secret"));
    }

    @Test
    void idsAreHostNameLabels() {
        assertTrue(ConnectionId.random().value().matches("[a-z0-9-]{36}"));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionId("Has/Slash"));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionId("-leading"));
    }
}
