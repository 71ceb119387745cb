package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.docker.CredentialHelper;
import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.PassCredentialStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets through the real {@code docker-credential-pass} and a throw-away pass store: found by
 * detection, round-tripped, kept apart from Docker's own logins and out of the connections file.
 */
class PassSecretStoreTest {

    private static PassCredentialStore pass;

    @TempDir
    Path dir;

    @BeforeAll
    static void createStore() {
        pass = PassCredentialStore.create();
    }

    @AfterAll
    static void closeStore() {
        if (pass != null) pass.close();
    }

    private static CredentialHelper passHelper() {
        return CredentialHelper.named("pass").withEnvironment(pass.environment());
    }

    private SecretStore detected() throws Exception {
        Path emptyBin = Files.createDirectories(dir.resolve("empty-bin"));
        CredentialHelper missing = CredentialHelper.named("secretservice").withEnvironment(Map.of("PATH", emptyBin.toString()));
        return SecretStores.detect(List.of(missing, passHelper()), pass.environment(), dir);
    }

    @Test
    void detectionFallsThroughToAWorkingPass() throws Exception {
        SecretStore store = detected();
        CredentialHelperSecretStore helperStore = assertInstanceOf(CredentialHelperSecretStore.class, store);
        assertEquals("pass", helperStore.helper().suffix());
        assertEquals(SecretStore.Kind.CREDENTIAL_HELPER, store.kind());
        assertTrue(store.description().contains("pass password store"), store.description());
    }

    @Test
    void roundTrip() throws Exception {
        SecretStore store = detected();
        SecretKey login = SecretKey.login(ConnectionId.random());
        SecretKey p12 = SecretKey.clientCertificate(login.connection());

        assertEquals(Optional.empty(), store.get(login));
        store.put(login, Credentials.basic("alice", "s3cret: with spaces & \"quotes\""));
        store.put(p12, Credentials.basic("pkcs12", "p12-pass"));
        assertEquals(Optional.of(Credentials.basic("alice", "s3cret: with spaces & \"quotes\"")), store.get(login));
        assertEquals(Optional.of(Credentials.basic("pkcs12", "p12-pass")), store.get(p12));

        store.put(login, Credentials.basic("bob", "changed"));
        assertEquals(Optional.of(Credentials.basic("bob", "changed")), store.get(login), "a new username replaces the old");

        assertTrue(store.erase(login));
        assertEquals(Optional.empty(), store.get(login));
        assertEquals(Optional.of(Credentials.basic("pkcs12", "p12-pass")), store.get(p12), "the other secret is untouched");
        assertTrue(store.erase(p12));
    }

    @Test
    void berthNeverTouchesDockersOwnLogins() throws Exception {
        CredentialHelper helper = passHelper();
        helper.store("localhost:5999", Credentials.basic("docker-user", "docker-pw"));
        SecretStore store = detected();
        SecretKey key = SecretKey.login(ConnectionId.random());

        store.put(key, Credentials.basic("berth-user", "berth-pw"));
        store.erase(key);

        assertEquals(Optional.of(Credentials.basic("docker-user", "docker-pw")), helper.get("localhost:5999"));
        helper.erase("localhost:5999");
    }

    @Test
    void dockerImportFromTheSameHelperSkipsBerthsEntries() throws Exception {
        CredentialHelper helper = passHelper();
        helper.store("registry.example:5443", Credentials.basic("docker-user", "docker-pw"));
        SecretStore store = detected();
        SecretKey key = SecretKey.login(ConnectionId.random());
        store.put(key, Credentials.basic("berth-user", "berth-pw"));
        try {
            Path config = Files.writeString(dir.resolve("config.json"), "{\"credsStore\": \"pass\"}");
            DockerCredentials docker = new DockerCredentials(DockerConfig.load(config),
                    suffix -> CredentialHelper.named(suffix).withEnvironment(pass.environment()));

            DockerImport.Result result = new DockerImport(docker).propose(List.of());

            assertEquals(List.of("registry.example:5443"), result.proposals().stream().map(Connection::registry).toList());
            assertEquals(Optional.empty(), result.problem());
        } finally {
            store.erase(key);
            helper.erase("registry.example:5443");
        }
    }

    @Test
    void aSavedPasswordIsResolvedAndNeverWrittenToTheFile() throws Exception {
        SecretStore secrets = detected();
        ConnectionStore store = ConnectionStore.in(new ConfigDirectories(dir.resolve("config"), dir.resolve("cache")), secrets);
        store.load();
        Connection c = store.add(Connection.create("registry.example").withAuth(AuthMode.PASSWORD, Optional.of("alice")));
        secrets.put(SecretKey.login(c.id()), Credentials.basic("alice", "pass-kept-secret"));

        CredentialsResolver resolver = new CredentialsResolver(secrets, () -> {
            throw new AssertionError("Docker is not asked for a password connection");
        });
        assertEquals(Credentials.basic("alice", "pass-kept-secret"), resolver.credentials(c));
        assertFalse(Files.readString(store.file()).contains("pass-kept-secret"));

        store.remove(c.id());
        assertEquals(Optional.empty(), secrets.get(SecretKey.login(c.id())), "removing the connection erases its password");
    }

    @Test
    void aPassStoreThatWasNeverInitialisedIsNotUsed() throws Exception {
        Path uninitialised = Files.createDirectories(dir.resolve("no-store"));
        Map<String, String> env = Map.of("GNUPGHOME", pass.gnupgHome().toString(), "PASSWORD_STORE_DIR", uninitialised.toString());
        SecretStore store = SecretStores.detect(List.of(CredentialHelper.named("pass").withEnvironment(env)), env, dir);

        assertEquals(SecretStore.Kind.MEMORY, store.kind());
        assertTrue(store.description().contains("not set up"), store.description());
        assertTrue(store.description().contains("pass init"), store.description());
    }
}
