package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.CredentialsUnavailableException.Reason;
import dev.berth.connection.TlsOptions.ClientCertificateFiles;
import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.registry.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each auth mode to credentials, and errors that say what to do. */
class CredentialsResolverTest {

    @TempDir
    Path dir;

    private final MemorySecretStore secrets = new MemorySecretStore("no helper in tests.");

    /** Docker's config as {@code DOCKER_CONFIG=dir} makes Docker read it. */
    private CredentialsResolver withDockerConfig(String json) throws Exception {
        Files.writeString(dir.resolve("config.json"), json);
        Path file = DockerConfig.locate(Map.of("DOCKER_CONFIG", dir.toString()), dir.resolve("home"));
        return new CredentialsResolver(secrets, () -> DockerCredentials.of(DockerConfig.load(file)));
    }

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noneIsAnonymous() throws Exception {
        CredentialsResolver resolver = withDockerConfig("{}");
        assertEquals(Credentials.anonymous(), resolver.credentials(Connection.create("ghcr.io")));
        assertEquals(ConnectionSecrets.anonymous(), resolver.resolve(Connection.create("ghcr.io")));
    }

    @Test
    void passwordComesFromTheSecretStoreWithTheConnectionsUsername() throws Exception {
        Connection c = Connection.create("registry.example").withAuth(AuthMode.PASSWORD, Optional.of("alice"));
        secrets.put(SecretKey.login(c.id()), Credentials.basic("old-name", "s3cret"));
        assertEquals(Credentials.basic("alice", "s3cret"), withDockerConfig("{}").credentials(c));
    }

    @Test
    void aMissingPasswordSaysWhatToDoAndThatMemoryForgets() throws Exception {
        Connection c = Connection.create("registry.example").withName("Team").withAuth(AuthMode.PASSWORD, Optional.of("alice"));
        CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
                () -> withDockerConfig("{}").credentials(c));
        assertEquals(Reason.NO_PASSWORD_SAVED, e.reason());
        assertTrue(e.getMessage().contains("No password is saved for “Team”"), e.getMessage());
        assertTrue(e.getMessage().contains("only until it quits"), e.getMessage());
    }

    @Test
    void dockerModeUsesDockersLogin() throws Exception {
        CredentialsResolver resolver = withDockerConfig("""
                {"auths": {"https://index.docker.io/v1/": {"auth": "%s"}, "localhost:5000": {"auth": "%s"}}}
                """.formatted(auth("hubuser", "hubpw"), auth("localuser", "localpw")));
        Connection hub = Connection.create("docker.io").withAuth(AuthMode.DOCKER, Optional.empty());
        Connection local = Connection.create("http://localhost:5000").withAuth(AuthMode.DOCKER, Optional.empty());
        assertEquals(Credentials.basic("hubuser", "hubpw"), resolver.credentials(hub));
        assertEquals(Credentials.basic("localuser", "localpw"), resolver.credentials(local));
    }

    @Test
    void dockerWithoutALoginSaysToRunDockerLogin() throws Exception {
        CredentialsResolver resolver = withDockerConfig("{}");
        CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
                () -> resolver.credentials(Connection.create("ghcr.io").withAuth(AuthMode.DOCKER, Optional.empty())));
        assertEquals(Reason.DOCKER_HAS_NO_LOGIN, e.reason());
        assertTrue(e.getMessage().contains("“docker login ghcr.io”"), e.getMessage());

        CredentialsUnavailableException hub = assertThrows(CredentialsUnavailableException.class,
                () -> resolver.credentials(Connection.create("docker.io").withAuth(AuthMode.DOCKER, Optional.empty())));
        assertTrue(hub.getMessage().contains("“docker login”"), hub.getMessage());
    }

    @Test
    void anUnreadableDockerConfigIsExplainedWithoutItsContent() throws Exception {
        CredentialsResolver resolver = withDockerConfig("{\"auths\": {\"ghcr.io\": {\"auth\": \"c2VjcmV0LXRleHQ=\"}} trailing");
        CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
                () -> resolver.credentials(Connection.create("ghcr.io").withAuth(AuthMode.DOCKER, Optional.empty())));
        assertEquals(Reason.DOCKER_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
        assertTrue(e.getMessage().contains("choose another way to sign in"), e.getMessage());
    }

    @Test
    void aFailingDockerHelperIsExplained() throws Exception {
        ScriptHelper.failing(dir, "broken", "cannot reach the keyring");
        Files.writeString(dir.resolve("config.json"), "{\"credsStore\": \"broken\"}");
        CredentialsResolver resolver = new CredentialsResolver(secrets, () -> new DockerCredentials(
                DockerConfig.load(dir.resolve("config.json")),
                suffix -> ScriptHelper.failing(dir, suffix, "cannot reach the keyring")));
        CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
                () -> resolver.credentials(Connection.create("ghcr.io").withAuth(AuthMode.DOCKER, Optional.empty())));
        assertEquals(Reason.DOCKER_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("cannot reach the keyring"), e.getMessage());
    }

    @Test
    void aPkcs12PasswordIsResolvedOrAskedFor() throws Exception {
        Connection c = Connection.create("registry.example").withTls(TlsOptions.system().withClientCertificate(
                Optional.of(new ClientCertificateFiles.Pkcs12(dir.resolve("me.p12")))));
        CredentialsResolver resolver = withDockerConfig("{}");

        CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class, () -> resolver.resolve(c));
        assertEquals(Reason.NO_CLIENT_CERTIFICATE_PASSWORD, e.reason());

        secrets.put(SecretKey.clientCertificate(c.id()), Credentials.basic("pkcs12", "p12-pass"));
        assertEquals(new ConnectionSecrets(Credentials.anonymous(), Optional.of("p12-pass")), resolver.resolve(c));
    }

    @Test
    void aFailingSecretStoreIsReported() throws Exception {
        Connection c = Connection.create("registry.example").withAuth(AuthMode.PASSWORD, Optional.of("alice"));
        SecretStore locked = new CredentialHelperSecretStore(ScriptHelper.failing(dir, "locked", "keyring is locked"));
        CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
                () -> new CredentialsResolver(locked, () -> { throw new AssertionError(); }).credentials(c));
        assertEquals(Reason.SECRET_STORE_FAILED, e.reason());
        assertTrue(e.getMessage().contains("keyring is locked"), e.getMessage());
    }
}
