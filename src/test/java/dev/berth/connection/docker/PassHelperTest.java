package dev.berth.connection.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.auth.Credentials;
import dev.berth.testing.PassCredentialStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code docker-credential-pass} (Debian's golang-docker-credential-helpers) against a
 * throw-away pass store. Each test uses its own server URLs, so they share one store (key
 * generation is the slow part).
 */
class PassHelperTest {

    private static PassCredentialStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void createStore() {
        store = PassCredentialStore.create();
    }

    @AfterAll
    static void closeStore() {
        if (store != null) store.close();
    }

    private static CredentialHelper pass() {
        return CredentialHelper.named("pass").withEnvironment(store.environment());
    }

    @Test
    void storeGetListEraseRoundTrip() throws IOException {
        CredentialHelper pass = pass();
        String url = "https://127.0.0.1:5443";
        pass.store(url, Credentials.basic("alice", "s3cret"));

        assertEquals(Optional.of(Credentials.basic("alice", "s3cret")), pass.get(url));
        assertEquals("alice", pass.list().get(url));

        assertTrue(pass.erase(url));
        assertEquals(Optional.empty(), pass.get(url));
        assertFalse(pass.list().containsKey(url));
        assertFalse(pass.erase(url), "erasing again finds nothing");
    }

    @Test
    void unknownServerIsEmpty() throws IOException {
        // Debian's 0.6.4 answers exit 0 with empty Username and Secret here.
        assertEquals(Optional.empty(), pass().get("https://never-stored.example"));
    }

    @Test
    void urlsAreMatchedExactly() throws IOException {
        CredentialHelper pass = pass();
        pass.store("https://exact.example", Credentials.basic("u", "p"));
        assertEquals(Optional.empty(), pass.get("exact.example"));
        assertEquals(Optional.empty(), pass.get("https://exact.example/"));
        pass.erase("https://exact.example");
    }

    @Test
    void awkwardSecretsSurvive() throws IOException {
        CredentialHelper pass = pass();
        String secret = "p:a\"s's\\w\u00f6rd €\nsecond line";
        pass.store("awkward.example", Credentials.basic("ünï", secret));
        assertEquals(Optional.of(Credentials.basic("ünï", secret)), pass.get("awkward.example"));
        pass.erase("awkward.example");
    }

    @Test
    void identityTokenRoundTrip() throws IOException {
        CredentialHelper pass = pass();
        pass.store("token.example", new Credentials.IdentityToken("whoever", "refresh-123"));
        assertEquals(Optional.of(new Credentials.IdentityToken("<token>", "refresh-123")), pass.get("token.example"));
        pass.erase("token.example");
    }

    @Test
    void storingANewUsernameReplacesTheOldOne() throws IOException {
        // pass keeps one file per username and `get` answers with the alphabetically first, so
        // without the erase "amy" would be shadowed by nothing and "zed"'s password would linger.
        CredentialHelper pass = pass();
        String url = "relogin.example";
        pass.store(url, Credentials.basic("zed", "old"));
        pass.store(url, Credentials.basic("amy", "new"));
        assertEquals(Optional.of(Credentials.basic("amy", "new")), pass.get(url));
        pass.store(url, Credentials.basic("bob", "newer"));
        assertEquals(Optional.of(Credentials.basic("bob", "newer")), pass.get(url));
        pass.store(url, Credentials.basic("bob", "newest"));
        assertEquals(Optional.of(Credentials.basic("bob", "newest")), pass.get(url));
        // pass's layout: docker-credential-helpers/<base64 URL>/<username>.gpg
        Path entry = store.storeDir().resolve("docker-credential-helpers")
                .resolve(Base64.getUrlEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8)));
        try (var users = Files.list(entry)) {
            assertEquals(List.of("bob.gpg"), users.map(p -> p.getFileName().toString()).toList(),
                    "old usernames' passwords must not linger in the store");
        }
        pass.erase(url);
    }

    @Test
    void dockerCredentialsWithCredsStorePass() throws IOException {
        pass().store("localhost:5000", Credentials.basic("carol", "pw-c"));
        pass().store("https://tls.example:5443", Credentials.basic("dave", "pw-d"));
        pass().store(DockerHosts.DOCKER_HUB_KEY, Credentials.basic("hubber", "pw-h"));
        DockerCredentials docker = docker("""
                {"auths":{"localhost:5000":{},"https://index.docker.io/v1/":{},"ignored.example":{"auth":"%s"}},
                 "credsStore":"pass"}
                """.formatted(DockerConfigTest.b64("plain:text")));

        assertEquals(Optional.of(Credentials.basic("carol", "pw-c")), docker.lookup("localhost:5000"));
        assertEquals(Optional.of(Credentials.basic("dave", "pw-d")), docker.lookup("tls.example:5443"));
        assertEquals(Optional.of(Credentials.basic("hubber", "pw-h")), docker.lookup("registry-1.docker.io"));
        assertEquals(Optional.empty(), docker.lookup("ignored.example"), "credsStore set: plaintext auths unused");
        assertTrue(docker.knownRegistries().containsAll(
                List.of("docker.io", "ignored.example", "localhost:5000", "tls.example:5443")), docker.knownRegistries().toString());

        pass().erase("localhost:5000");
        pass().erase("https://tls.example:5443");
        pass().erase(DockerHosts.DOCKER_HUB_KEY);
    }

    @Test
    void dockerCredentialsWithCredHelpersPass() throws IOException {
        pass().store("helped.example:5000", Credentials.basic("erin", "pw-e"));
        DockerCredentials docker = docker("""
                {"credHelpers":{"helped.example:5000":"pass"},
                 "auths":{"plain.example":{"auth":"%s"}}}
                """.formatted(DockerConfigTest.b64("frank:pw-f")));

        assertEquals(Optional.of(Credentials.basic("erin", "pw-e")), docker.lookup("helped.example:5000"));
        assertEquals(Optional.of(Credentials.basic("frank", "pw-f")), docker.lookup("plain.example"));
        assertEquals(List.of("helped.example:5000", "plain.example"), docker.knownRegistries());
        pass().erase("helped.example:5000");
    }

    private DockerCredentials docker(String configJson) throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), configJson);
        return new DockerCredentials(DockerConfig.load(file),
                suffix -> CredentialHelper.named(suffix).withEnvironment(store.environment()));
    }

    @Test
    void fixtureIsolatesGpgAndPass() {
        Map<String, String> env = store.environment();
        assertEquals(store.gnupgHome().toString(), env.get("GNUPGHOME"));
        assertEquals(store.storeDir().toString(), env.get("PASSWORD_STORE_DIR"));
        assertTrue(store.gnupgHome().toString().length() < 40, "short GNUPGHOME for the agent socket");
    }
}
