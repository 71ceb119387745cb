package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.ChildJvm;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI, in its own process, finds its files where {@code docker} would: {@code $HOME} decides
 * (not the user database), and the XDG variables override the directories under it.
 */
class CliHomeTest {

    @TempDir
    Path work;

    @Test
    void withHomeSetElsewhereTheCliReadsThatHomesDockerConfigAndJournalsUnderIt() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).htpasswd("bob", "hunter2").start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.basic("bob", "hunter2"));
            TestImages.Image image = seeder.pushImage("private/app", "v1", 1, 100);
            seeder.tag("private/app", "v2", image.manifest().bytes(), image.mediaType());
            Path home = work.resolve("x");
            writeDockerLogin(home.resolve(".docker"), registry.hostPort());

            ChildJvm.Result tags = ChildJvm.isolatedIn(home).run(BerthCli.class, "tags", registry.hostPort() + "/private/app");
            assertEquals(0, tags.code(), "the login in $HOME/.docker/config.json was not used: " + tags.err());
            assertEquals(List.of("v1", "v2"), tags.out().lines().toList());

            ChildJvm.Result rm = ChildJvm.isolatedIn(home).run(BerthCli.class, "rm", registry.hostPort() + "/private/app:v1", "--yes");
            assertEquals(0, rm.code(), rm.err());
            assertEquals(1, operations(home.resolve(".local/share/berth/journal")), "the journal is not under $HOME/.local/share");
        }
    }

    @Test
    void xdgDataHomeMovesTheJournalAndDockerConfigMovesTheLogin() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).htpasswd("bob", "hunter2").start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.basic("bob", "hunter2"));
            seeder.pushImage("private/app", "v1", 2, 100);
            Path home = work.resolve("x");
            writeDockerLogin(work.resolve("docker-elsewhere"), registry.hostPort());
            Path data = work.resolve("xdg-data");

            ChildJvm.Result rm = ChildJvm.isolatedIn(home).env("XDG_DATA_HOME", data.toString())
                    .env("DOCKER_CONFIG", work.resolve("docker-elsewhere").toString())
                    .run(BerthCli.class, "rm", registry.hostPort() + "/private/app:v1", "--yes");
            assertEquals(0, rm.code(), rm.err());
            assertEquals(1, operations(data.resolve("berth/journal")));
            assertFalse(Files.exists(home.resolve(".local")), "nothing goes under $HOME when XDG_DATA_HOME is set");
        }
    }

    private static void writeDockerLogin(Path dockerDir, String hostPort) throws Exception {
        Files.createDirectories(dockerDir);
        String auth = Base64.getEncoder().encodeToString("bob:hunter2".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dockerDir.resolve("config.json"), "{\"auths\":{\"" + hostPort + "\":{\"auth\":\"" + auth + "\"}}}");
    }

    private static long operations(Path journal) throws Exception {
        assertTrue(Files.isDirectory(journal), "no journal at " + journal);
        try (Stream<Path> entries = Files.list(journal)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("operation.json"))).count();
        }
    }
}
