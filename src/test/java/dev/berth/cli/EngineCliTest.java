package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testing.PodmanService;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.RunnableImage;
import dev.berth.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth images}, {@code berth tags engine:} and {@code berth copy} to and from {@code engine:}, against a real podman service. */
class EngineCliTest {

    @TempDir
    static Path work;
    private static RegistryServer registry;
    private static RegistryServer secured;
    private static PodmanService podman;

    @BeforeAll
    static void start() {
        registry = RegistryServer.builder(work.resolve("registry")).start();
        secured = RegistryServer.builder(work.resolve("secured")).htpasswd("alice", PASSWORD).start();
        podman = PodmanService.start(work.resolve("podman"));
    }

    @AfterAll
    static void stop() {
        if (podman != null) podman.close();
        if (secured != null) secured.close();
        if (registry != null) registry.close();
    }

    @Test
    void aTagIsPulledIntoTheEngineListedAndPushedBack() throws Exception {
        RunnableImage image = RunnableImage.of("cli round trip");
        String digest = image.pushTo(RegistrySeeder.of(registry), "cli/app", "1.0");
        String name = registry.hostPort() + "/cli/app:1.0";

        CliRun pull = berth("", "copy", "--src-plain-http", "--json", "docker://" + name, "engine:");
        assertEquals(0, pull.code(), pull.err());

        CliRun images = berth("", "images", "--json");
        assertEquals(0, images.code(), images.err());
        JsonNode listed = stream(images.json()).filter(i -> i.path("repoTags").toString().contains("\"" + name + "\"")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not listed: " + images.out()));
        assertEquals(image.imageId(), listed.path("id").asText());
        assertTrue(listed.path("size").asLong() > 0);

        CliRun text = berth("", "images");
        assertTrue(text.out().startsWith("NAME"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(image.imageId().substring(7, 19))), text.out());

        CliRun tags = berth("", "tags", "engine:" + registry.hostPort() + "/cli/app");
        assertEquals(List.of(name), tags.out().lines().toList(), tags.err());

        CliRun push = berth("", "copy", "--dest-plain-http", "--json", "engine:" + name, "docker://" + registry.hostPort() + "/cli/back:1.0");
        assertEquals(0, push.code(), push.err());
        String pushed = push.json().path("digest").asText();
        byte[] stored = RegistrySeeder.of(registry).getManifest("cli/back", "1.0");
        assertEquals(pushed, TestImages.Content.of(TestImages.DOCKER_MANIFEST, stored).digest(), "the registry holds what the copy reported");
        assertFalse(pushed.equals(digest), "layers came back uncompressed from the engine and were gzipped again");
    }

    @Test
    void theEngineIsGivenNoCredentialsWhenBerthPullsForIt() throws Exception {
        RunnableImage image = RunnableImage.of("secret");
        image.pushTo(RegistrySeeder.of(secured).withAuthorization(RegistrySeeder.basic("alice", PASSWORD)), "private/app", "1");

        CliRun pull = berth(PASSWORD + "\n", "copy", "--src-plain-http", "--src-username", "alice", "--src-password-stdin",
                "docker://" + secured.hostPort() + "/private/app:1", "engine:private/app:1");
        assertEquals(0, pull.code(), pull.err());
        CliRun images = berth("", "images");
        assertTrue(images.out().contains("private/app:1"), images.out());

        String basic = java.util.Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(podman.dir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(PASSWORD) || content.contains(basic), "the engine's files hold the password: " + file);
            }
        }
    }

    private static final String PASSWORD = "engine-never-sees-this";

    @Test
    void withoutAnEngineTheMessageSaysWhatToStart() {
        Map<String, String> variables = new HashMap<>(variables());
        variables.put("DOCKER_HOST", "unix://" + work.resolve("nothing-here.sock"));
        CliRun run = CliRun.of(work.resolve("home"), variables, "", "images");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("No Docker or Podman engine found"), run.err());
        assertTrue(run.err().contains("systemctl --user start podman.socket"), run.err());
    }

    private static CliRun berth(String stdin, String... args) {
        return CliRun.of(work.resolve("home"), variables(), stdin, args);
    }

    private static Map<String, String> variables() {
        return Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString(), "DOCKER_HOST", podman.dockerHost(),
                "TMPDIR", work.resolve("tmp").toString());
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }
}
