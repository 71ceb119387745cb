package dev.berth.connection.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerConfigTest {

    private static final String SECRET = "SUPERSECRET";

    @TempDir
    Path dir;

    // --- location ---------------------------------------------------------------------------

    @Test
    void dockerConfigVariableChoosesTheDirectory() {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "berth-test-home", "u");
        assertEquals(Path.of("/etc/dc/config.json"), DockerConfig.locate(Map.of("DOCKER_CONFIG", "/etc/dc"), home));
        assertEquals(home.resolve(".docker/config.json"), DockerConfig.locate(Map.of(), home));
        assertEquals(home.resolve(".docker/config.json"), DockerConfig.locate(Map.of("DOCKER_CONFIG", ""), home));
    }

    @Test
    void loadsFromTheLocatedFile() throws IOException {
        Path custom = Files.createDirectories(dir.resolve("custom"));
        Files.writeString(custom.resolve("config.json"), "{\"credsStore\":\"pass\"}");
        DockerConfig config = DockerConfig.load(DockerConfig.locate(Map.of("DOCKER_CONFIG", custom.toString()), dir));
        assertEquals(Optional.of("pass"), config.credsStore());
        assertEquals(custom.resolve("config.json"), config.source());
    }

    // --- missing / empty --------------------------------------------------------------------

    @Test
    void missingFileIsAnEmptyConfig() throws IOException {
        Path file = dir.resolve("nope/config.json");
        assertEquals(DockerConfig.empty(file), DockerConfig.load(file));
    }

    @ParameterizedTest
    @CsvSource({"''", "'  \n'", "'{}'", "'{\"auths\":null,\"credsStore\":\"\",\"credHelpers\":{}}'"})
    void blankFilesAndEmptyObjectsAreEmptyConfigs(String content) throws IOException {
        DockerConfig config = DockerConfig.load(write(content));
        assertTrue(config.auths().isEmpty());
        assertTrue(config.credHelpers().isEmpty());
        assertEquals(Optional.empty(), config.credsStore());
    }

    // --- parsing ----------------------------------------------------------------------------

    @Test
    void readsAllSectionsAndKeySpellings() throws IOException {
        DockerConfig config = DockerConfig.load(write("""
                {
                  "auths": {
                    "https://index.docker.io/v1/": {"auth": "%s"},
                    "localhost:5000": {"auth": "%s"},
                    "https://ghcr.io": {"auth": "%s"},
                    "http://host:5000/v2/": {"username": "dora", "password": "pw"},
                    "quay.io": {}
                  },
                  "credsStore": "pass",
                  "credHelpers": {"https://gcr.io": "gcloud", "123.dkr.ecr.eu-west-1.amazonaws.com": "ecr-login"},
                  "psFormat": "table {{.ID}}",
                  "proxies": {"default": {"httpProxy": "http://proxy:3128"}}
                }
                """.formatted(b64("hubuser:hubpw"), b64("alice:pw1"), b64("bob:pw2"))));

        assertEquals(Optional.of(Credentials.basic("hubuser", "hubpw")), creds(config, "registry-1.docker.io"));
        assertEquals(Optional.of(Credentials.basic("hubuser", "hubpw")), creds(config, "docker.io"));
        assertEquals(Optional.of(Credentials.basic("alice", "pw1")), creds(config, "localhost:5000"));
        assertEquals(Optional.of(Credentials.basic("bob", "pw2")), creds(config, "ghcr.io"));
        assertEquals(Optional.of(Credentials.basic("dora", "pw")), creds(config, "host:5000"));
        assertEquals(Optional.empty(), creds(config, "quay.io"), "an empty marker entry has no credentials");
        assertTrue(config.authFor("quay.io").isPresent());
        assertEquals(Optional.empty(), config.authFor("localhost:5001"));

        assertEquals(Optional.of("pass"), config.credsStore());
        assertEquals(Map.of("gcr.io", "gcloud", "123.dkr.ecr.eu-west-1.amazonaws.com", "ecr-login"), config.credHelpers());
        assertEquals(Optional.of("gcloud"), config.credHelperFor("https://gcr.io/v2/"));
        assertEquals(Optional.empty(), config.credHelperFor("ghcr.io"));
    }

    @Test
    void exactKeyWinsOverAnotherSpellingOfTheSameHost() throws IOException {
        DockerConfig config = DockerConfig.load(write("""
                {"auths": {"http://h:5000/v2/": {"auth": "%s"}, "https://h:5000": {"auth": "%s"}}}
                """.formatted(b64("old:1"), b64("new:2"))));
        assertEquals(Optional.of(Credentials.basic("new", "2")), creds(config, "h:5000"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain                      | alice:s3cret             | alice | s3cret
            colons in password         | alice:pa:ss:word:        | alice | pa:ss:word:
            empty password             | alice:                   | alice | ''
            NUL padding is trimmed     | alice:pw\u0000\u0000     | alice | pw
            UTF-8                      | jürgen:pässwörd€         | jürgen | pässwörd€
            """)
    void decodesAuth(String name, String decoded, String user, String password) throws IOException {
        DockerConfig config = DockerConfig.load(write("{\"auths\":{\"r.example\":{\"auth\":\"" + b64(decoded) + "\"}}}"));
        assertEquals(Optional.of(Credentials.basic(user, password)), creds(config, "r.example"));
    }

    @Test
    void authWinsOverSeparateFields() throws IOException {
        DockerConfig config = DockerConfig.load(write("""
                {"auths":{"r.example":{"auth":"%s","username":"stale","password":"stale"}}}
                """.formatted(b64("fresh:pw"))));
        assertEquals(Optional.of(Credentials.basic("fresh", "pw")), creds(config, "r.example"));
    }

    @Test
    void identityTokenKeepsTheUsernameOrUsesDockersMarker() throws IOException {
        DockerConfig config = DockerConfig.load(write("""
                {"auths":{
                  "a.example":{"auth":"%s","identitytoken":"refresh-1"},
                  "b.example":{"identitytoken":"refresh-2"}}}
                """.formatted(b64("00000000-0000-0000-0000-000000000000:"))));
        assertEquals(Optional.of(new Credentials.IdentityToken("00000000-0000-0000-0000-000000000000", "refresh-1")),
                creds(config, "a.example"));
        assertEquals(Optional.of(new Credentials.IdentityToken("<token>", "refresh-2")), creds(config, "b.example"));
    }

    @Test
    void toStringShowsNoSecrets() throws IOException {
        DockerConfig config = DockerConfig.load(write("""
                {"auths":{"a.example":{"auth":"%s"},"b.example":{"identitytoken":"%s"},
                          "c.example":{"username":"u","password":"%s"}}}
                """.formatted(b64("user:" + SECRET), SECRET, SECRET)));
        assertEquals(3, config.auths().size());
        assertFalse(config.toString().contains(SECRET), config.toString());
    }

    // --- corrupt files ----------------------------------------------------------------------

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"auths": {"h": {"auth": "SUPERSECRET                  | is not valid JSON (line 1
            {"auths": SUPERSECRET}                                  | is not valid JSON (line 1, column
            ["SUPERSECRET"]                                         | the top level is not a JSON object
            "SUPERSECRET"                                           | the top level is not a JSON object
            {"auths": "SUPERSECRET"}                                | "auths" is not a JSON object
            {"auths": {"h": "SUPERSECRET"}}                         | auths["h"] is not a JSON object
            {"auths": {"h": {"auth": "!!SUPERSECRET!!"}}}           | auths["h"].auth is not valid base64
            {"auths": {"h": {"auth": "U1VQRVJTRUNSRVQ="}}}          | auths["h"].auth does not decode to "user:password"
            {"auths": {"h": {"auth": 4711}}}                        | auths["h"].auth is not a string
            {"auths": {"h": {"identitytoken": ["SUPERSECRET"]}}}    | auths["h"].identitytoken is not a string
            {"credsStore": 1}                                       | "credsStore" is not a string
            {"credsStore": "../../bin/sh"}                          | "credsStore" is not a valid credential helper name
            {"credHelpers": "pass"}                                 | "credHelpers" is not a JSON object
            {"credHelpers": {"h": ["SUPERSECRET"]}}                 | credHelpers["h"] is not a string
            {"credHelpers": {"h": "/usr/bin/x"}}                    | credHelpers["h"] is not a valid credential helper name
            """)
    void corruptFileNamesFileAndProblemButNotContent(String content, String problem) throws IOException {
        Path file = write(content);
        DockerConfigException e = assertThrows(DockerConfigException.class, () -> DockerConfig.load(file));
        assertTrue(e.getMessage().startsWith("Docker config " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertEquals(file, e.file());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), "cause leaks content");
        }
    }

    @Test
    void aDirectoryIsNotAConfig() throws IOException {
        Path file = Files.createDirectories(dir.resolve("config.json"));
        DockerConfigException e = assertThrows(DockerConfigException.class, () -> DockerConfig.load(file));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void hugeFileIsRefused() throws IOException {
        Path file = dir.resolve("config.json");
        Files.write(file, new byte[DockerConfigParser.MAX_BYTES + 1]);
        DockerConfigException e = assertThrows(DockerConfigException.class, () -> DockerConfig.load(file));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("config.json"), content);
    }

    private static Optional<Credentials> creds(DockerConfig config, String host) {
        return config.authFor(host).flatMap(DockerConfig.AuthEntry::credentials);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
