package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.docker.CredentialHelper;
import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proposals from a Docker config in a temporary DOCKER_CONFIG. */
class DockerImportTest {

    @TempDir
    Path dir;

    private DockerCredentials docker(String json) throws Exception {
        Path dockerDir = Files.createDirectories(dir.resolve("docker"));
        Files.writeString(dockerDir.resolve("config.json"), json);
        Path file = DockerConfig.locate(Map.of("DOCKER_CONFIG", dockerDir.toString()), dir.resolve("home"));
        return new DockerCredentials(DockerConfig.load(file),
                suffix -> CredentialHelper.named(suffix).withExecutable(dir.resolve("docker-credential-" + suffix)));
    }

    @Test
    void proposesEveryRegistryDockerKnowsWithDockersLogin() throws Exception {
        DockerCredentials docker = docker("""
                {"auths": {"https://index.docker.io/v1/": {}, "localhost:5000": {"auth": "dTpw"},
                           "http://Registry.Example:5443/v2/": {"auth": "dTpw"}},
                 "credHelpers": {"gcr.io": "gcloud"}}
                """);

        DockerImport.Result result = new DockerImport(docker).propose(List.of());

        assertEquals(List.of("docker.io", "gcr.io", "localhost:5000", "registry.example:5443"),
                result.proposals().stream().map(Connection::registry).toList());
        assertTrue(result.proposals().stream().allMatch(c -> c.auth() == AuthMode.DOCKER));
        assertEquals("Docker Hub", result.proposals().getFirst().name());
        assertEquals(Optional.empty(), result.problem());
    }

    @Test
    void skipsRegistriesAlreadySaved() throws Exception {
        DockerCredentials docker = docker("{\"auths\": {\"ghcr.io\": {}, \"https://quay.io\": {}, \"registry-1.docker.io\": {}}}");
        List<Connection> existing = List.of(Connection.create("https://ghcr.io/"), Connection.create("docker.io"));

        DockerImport.Result result = new DockerImport(docker).propose(existing);

        assertEquals(List.of("quay.io"), result.proposals().stream().map(Connection::registry).toList());
        assertEquals(List.of("docker.io", "ghcr.io"), result.alreadyPresent());
    }

    @Test
    void aCredsStoreThatCannotListIsReportedTheRestIsStillProposed() throws Exception {
        ScriptHelper.failing(dir, "broken", "no keyring");
        DockerCredentials docker = docker("{\"credsStore\": \"broken\", \"auths\": {\"ghcr.io\": {}}}");

        DockerImport.Result result = new DockerImport(docker).propose(List.of());

        assertEquals(List.of("ghcr.io"), result.proposals().stream().map(Connection::registry).toList());
        assertTrue(result.problem().orElseThrow().contains("no keyring"), result.problem().orElseThrow());
    }

    @Test
    void credsStoreEntriesAreProposedButBerthsOwnAreNot() throws Exception {
        ScriptHelper.write(dir, "store", "echo '{\"https://reg.example\":\"u\",\"https://0f6c2d7e.berth.invalid\":\"alice\","
                + "\"https://0f6c2d7e.berth.invalid/client-certificate\":\"pkcs12\"}'");
        DockerCredentials docker = docker("{\"credsStore\": \"store\"}");

        DockerImport.Result result = new DockerImport(docker).propose(List.of());

        assertEquals(List.of("reg.example"), result.proposals().stream().map(Connection::registry).toList());
    }

    @Test
    void noDockerConfigIsNothingToImport() throws Exception {
        Path file = DockerConfig.locate(Map.of("DOCKER_CONFIG", dir.resolve("nowhere").toString()), dir);
        DockerImport.Result result = new DockerImport(DockerCredentials.of(DockerConfig.load(file))).propose(List.of());
        assertEquals(List.of(), result.proposals());
        assertEquals(Optional.empty(), result.problem());
    }
}
