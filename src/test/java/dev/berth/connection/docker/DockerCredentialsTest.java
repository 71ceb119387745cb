package dev.berth.connection.docker;

import static dev.berth.connection.docker.DockerConfigTest.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.connection.docker.CredentialHelperException.Reason;
import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker's lookup rules, with scripted helpers; the real pass helper is in {@link PassHelperTest}. */
class DockerCredentialsTest {

    @TempDir
    Path dir;

    /** Two fake helpers, "one" and "two", each knowing r.example under its own username. */
    private DockerCredentials withHelpers(String configJson) throws IOException {
        FakeHelper.store(dir, "one", Map.of("r.example", List.of("from-one", "pw1")));
        FakeHelper.store(dir, "two", Map.of("r.example", List.of("from-two", "pw2"),
                "https://other.example", List.of("two-other", "pw")));
        FakeHelper.store(dir, "empty", Map.of());
        DockerConfig config = DockerConfig.load(Files.writeString(dir.resolve("config.json"), configJson));
        return new DockerCredentials(config,
                suffix -> CredentialHelper.named(suffix).withExecutable(dir.resolve("docker-credential-" + suffix)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            credHelpers wins over credsStore and auths | from-one  | {"credHelpers":{"r.example":"one"},"credsStore":"two","auths":{"r.example":{"auth":"AUTH"}}}
            credHelpers key in URL form                | from-one  | {"credHelpers":{"https://r.example":"one"},"credsStore":"two"}
            credsStore wins over auths                 | from-two  | {"credsStore":"two","auths":{"r.example":{"auth":"AUTH"}}}
            credHelpers for another host is ignored    | from-two  | {"credHelpers":{"q.example":"one"},"credsStore":"two"}
            auths when no helper is configured         | from-file | {"auths":{"r.example":{"auth":"AUTH"}}}
            helper that has nothing: no fallback       | -         | {"credHelpers":{"r.example":"empty"},"credsStore":"two","auths":{"r.example":{"auth":"AUTH"}}}
            credsStore that has nothing: no fallback   | -         | {"credsStore":"empty","auths":{"r.example":{"auth":"AUTH"}}}
            nothing configured                         | -         | {}
            """)
    void precedenceFollowsDocker(String name, String expectedUser, String json) throws IOException {
        DockerCredentials docker = withHelpers(json.replace("AUTH", b64("from-file:pwf")));
        assertEquals(expectedUser, docker.lookup("r.example").map(DockerCredentialsTest::user).orElse("-"));
    }

    @Test
    void helperIsAskedForEachSpellingUntilOneAnswers() throws IOException {
        DockerCredentials docker = withHelpers("{\"credsStore\":\"two\"}");
        assertEquals(Optional.of(Credentials.basic("two-other", "pw")), docker.lookup("other.example"));
        assertEquals(List.of("get other.example", "get https://other.example"), FakeHelper.calls(dir, "two"));
    }

    @Test
    void dockerHubIsLookedUpByItsLegacyKey() throws IOException {
        FakeHelper.store(dir, "hub", Map.of(DockerHosts.DOCKER_HUB_KEY, List.of("hubber", "pw")));
        DockerConfig config = DockerConfig.load(Files.writeString(dir.resolve("config.json"), "{\"credsStore\":\"hub\"}"));
        DockerCredentials docker = new DockerCredentials(config,
                suffix -> CredentialHelper.named(suffix).withExecutable(dir.resolve("docker-credential-" + suffix)));
        for (String host : List.of("registry-1.docker.io", "docker.io", "index.docker.io")) {
            assertEquals(Optional.of(Credentials.basic("hubber", "pw")), docker.lookup(host), host);
        }
        assertEquals(List.of("get https://index.docker.io/v1/"), FakeHelper.calls(dir, "hub").subList(0, 1));
    }

    @ParameterizedTest(name = "auths key {0}")
    @CsvSource({
        "localhost:5000, localhost:5000",
        "https://localhost:5000, localhost:5000",
        "http://localhost:5000/v2/, localhost:5000",
        "https://index.docker.io/v1/, registry-1.docker.io",
        "https://index.docker.io/v1/, docker.io",
        "https://ghcr.io, ghcr.io",
        "GHCR.io, https://ghcr.io/"
    })
    void authsAreFoundUnderEveryKeySpelling(String key, String lookedUp) throws IOException {
        DockerCredentials docker = withHelpers("{\"auths\":{\"" + key + "\":{\"auth\":\"" + b64("u:p:w") + "\"}}}");
        assertEquals(Optional.of(Credentials.basic("u", "p:w")), docker.lookup(lookedUp));
    }

    @Test
    void helperForNamesWhereCredentialsLive() throws IOException {
        DockerCredentials docker = withHelpers("{\"credHelpers\":{\"r.example\":\"one\"},\"credsStore\":\"two\"}");
        assertEquals(Optional.of("one"), docker.helperFor("https://r.example"));
        assertEquals(Optional.of("two"), docker.helperFor("q.example"));
        assertEquals(Optional.empty(), withHelpers("{}").helperFor("q.example"));
    }

    @Test
    void missingHelperIsAnErrorNotAnEmptyAnswer() throws IOException {
        DockerCredentials docker = withHelpers("{\"credsStore\":\"desktop\"}");
        CredentialHelperException e = assertThrows(CredentialHelperException.class, () -> docker.lookup("r.example"));
        assertEquals(Reason.NOT_INSTALLED, e.reason());
    }

    @Test
    void knownRegistriesJoinsAllSourcesNormalised() throws IOException {
        DockerCredentials docker = withHelpers("""
                {"auths":{"https://index.docker.io/v1/":{},"http://localhost:5000/v2/":{},"r.example":{}},
                 "credHelpers":{"gcr.io":"one"},
                 "credsStore":"two"}
                """);
        assertEquals(List.of("docker.io", "gcr.io", "localhost:5000", "other.example", "r.example"),
                docker.knownRegistries());
    }

    @Test
    void knownRegistriesWithoutCredsStoreRunsNoHelper() throws IOException {
        DockerCredentials docker = withHelpers("{\"auths\":{\"a.example\":{}},\"credHelpers\":{\"b.example\":\"one\"}}");
        assertEquals(List.of("a.example", "b.example"), docker.knownRegistries());
        assertEquals(List.of(), FakeHelper.calls(dir, "one"));
    }

    private static String user(Credentials credentials) {
        return ((Credentials.Basic) credentials).username();
    }
}
