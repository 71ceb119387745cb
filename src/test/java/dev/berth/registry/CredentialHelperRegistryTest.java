package dev.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.docker.CredentialHelper;
import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.domain.Digest;
import dev.berth.registry.Capabilities.AuthScheme;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.PassCredentialStore;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials found the way Docker finds them — config.json naming the real {@code docker-credential-pass}, in a
 * throw-away pass store — used by the client against an htpasswd+TLS registry.
 */
class CredentialHelperRegistryTest {

    private static final TestPki PKI = TestPki.create("berth-helper-ca");

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static PassCredentialStore store;
    private static Image image;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(work).tls(PKI).htpasswd("carol", "c4rol-pass").start();
        image = RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.basic("carol", "c4rol-pass"))
                .pushImage("helper/app", "1", 900, 300);
        store = PassCredentialStore.create();
        // As `docker login 127.0.0.1:PORT` with credsStore=pass stores it.
        pass().store("https://" + registry.hostPort(), Credentials.basic("carol", "c4rol-pass"));
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
        if (store != null) store.close();
    }

    private static CredentialHelper pass() {
        return CredentialHelper.named("pass").withEnvironment(store.environment());
    }

    private static DockerCredentials docker(String configJson) throws Exception {
        Path file = Files.createTempDirectory(work, "docker-config").resolve("config.json");
        Files.writeString(file, configJson);
        return new DockerCredentials(DockerConfig.load(file),
                suffix -> CredentialHelper.named(suffix).withEnvironment(store.environment()));
    }

    @Test
    void credsStoreCredentialsSignInToTheRegistry() throws Exception {
        DockerCredentials docker = docker("""
                {"auths": {"https://%s": {}}, "credsStore": "pass"}""".formatted(registry.hostPort()));

        Credentials credentials = docker.lookup(registry.hostPort()).orElseThrow();
        assertEquals(Credentials.basic("carol", "c4rol-pass"), credentials);

        RegistryClient client = RealRegistry.clients().connect(RealRegistry.settings(registry, credentials),
                RealRegistry.trusting(PKI));
        assertEquals(AuthScheme.BASIC, client.probe(Optional.of("helper/app")).auth());
        assertEquals(List.of("1"), client.tags("helper/app"));
        assertEquals(Digest.parse(image.digest()), client.manifest("helper/app", "1").digest());
    }

    @Test
    void credHelpersEntryForTheHostWorksToo() throws Exception {
        DockerCredentials docker = docker("""
                {"credHelpers": {"%s": "pass"}}""".formatted(registry.hostPort()));

        Credentials credentials = docker.lookup("https://" + registry.hostPort()).orElseThrow();

        RegistryClient client = RealRegistry.clients().connect(RealRegistry.settings(registry, credentials),
                RealRegistry.trusting(PKI));
        assertEquals(List.of("1"), client.tags("helper/app"));
    }

    @Test
    void aRegistryThePassStoreDoesNotKnowGetsNoCredentials() throws Exception {
        DockerCredentials docker = docker("""
                {"credsStore": "pass"}""");
        String otherPort = "127.0.0.1:" + (registry.port() == 65535 ? 1 : registry.port() + 1);
        assertEquals(Optional.empty(), docker.lookup(otherPort));

        // Without credentials the registry says what is missing.
        RegistryClient client = RealRegistry.clients().connect(RealRegistry.settings(registry,
                docker.lookup(otherPort).orElse(Credentials.anonymous())), RealRegistry.trusting(PKI));
        RegistryException e = assertThrows(RegistryException.Unauthorized.class, () -> client.tags("helper/app"));
        assertTrue(e.getMessage().contains("add a username and password"), e.getMessage());
    }
}
