package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestPki;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four commands against a real registry it has never seen: shared digests, an index, dated configs. */
class BerthCliTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static Image shared;
    private static Image older;
    private static Index multiArch;


    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        shared = seeder.pushImage("team/app", "1.4.0", TestImages.image().seed(1).layerSizes(3000, 5000)
                .created(Instant.parse("2025-06-01T10:00:00Z")).build());
        seeder.tag("team/app", "latest", shared.manifest().bytes(), shared.mediaType());
        seeder.tag("team/app", "stable", shared.manifest().bytes(), shared.mediaType());
        older = seeder.pushImage("team/app", "1.3.0", TestImages.image().seed(2).layerSizes(4000)
                .created(Instant.parse("2024-01-15T08:30:00Z")).build());
        multiArch = seeder.pushIndex("team/multi", "v1", TestImages.multiArch(3, 2000, 7000));
        seeder.pushImage("other/tool", "v1", 4, 100);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void reposListsTheWholeCatalog() {
        CliRun run = berth("repos", registry.hostPort());
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("other/tool", "team/app", "team/multi"), run.out().lines().toList());
    }

    @Test
    void reposAsJsonIsAnArrayOfNames() throws Exception {
        CliRun run = berth("repos", registry.hostPort(), "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("other/tool", "team/app", "team/multi"),
                new ObjectMapper().convertValue(run.json(), List.class));
    }

    @Test
    void tagsListsEveryTag() throws Exception {
        CliRun run = berth("tags", registry.hostPort() + "/team/app", "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("1.3.0", "1.4.0", "latest", "stable"), new ObjectMapper().convertValue(run.json(), List.class));
    }

    @Test
    void inspectOfAnImageGivesDigestSizeCreatedLayersAndConfig() throws Exception {
        CliRun run = berth("inspect", registry.hostPort() + "/team/app:1.4.0", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = run.json();
        assertEquals(registry.hostPort() + "/team/app:1.4.0", json.path("reference").asText());
        assertEquals(shared.digest(), json.path("digest").asText());
        assertEquals(shared.mediaType(), json.path("mediaType").asText());
        assertEquals(shared.totalSize(), json.path("size").asLong());
        assertEquals("2025-06-01T10:00:00Z", json.path("created").asText());
        assertEquals(0, json.path("platforms").size());
        assertEquals(shared.layerDigests(), json.path("layers").findValuesAsText("digest"));
        assertEquals("amd64", json.path("config").path("architecture").asText());
    }

    @Test
    void inspectOfAnIndexCountsSharedBlobsOnceAndListsPlatforms() throws Exception {
        CliRun run = berth("inspect", registry.hostPort() + "/team/multi:v1", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = run.json();
        assertEquals(multiArch.digest(), json.path("digest").asText(), "the index digest, not a child's (T1)");
        assertEquals(multiArch.distinctBlobSize(), json.path("size").asLong());
        List<String> platforms = json.path("platforms").findValuesAsText("platform");
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), platforms, "attestations are not platforms");
        Image amd64 = multiArch.child(TestImages.Platform.LINUX_AMD64);
        assertEquals(amd64.totalSize(), json.path("platforms").get(0).path("size").asLong());
        assertTrue(json.path("config").isNull());
    }

    @Test
    void inspectOfAnIndexWhoseImagesAreAllMissingSaysTheSizeIsUnknownAndNamesThem() throws Exception {
        try (RegistryServer scratch = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(scratch);
            Index orphan = seeder.pushIndex("team/orphan", "v1", TestImages.multiArch(7, 1000, 2000));
            orphan.children().forEach(child -> seeder.deleteManifest("team/orphan", child.digest()));
            assertTheSizeIsUnknown(scratch, orphan);
        }
    }

    private static void assertTheSizeIsUnknown(RegistryServer registry, Index orphan) throws Exception {
        CliRun text = berth("inspect", registry.hostPort() + "/team/orphan:v1");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Size:       unknown: all 4 images this index lists are missing from the registry"), text.out());
        assertFalse(text.out().contains("0 B"), text.out());
        assertTrue(text.out().contains("Missing:    4 of the images"), text.out());
        for (Image child : orphan.children()) assertTrue(text.out().contains(child.digest()), text.out());
        assertTrue(text.out().contains("linux/amd64") && text.out().contains("attestation"), text.out());

        JsonNode json = berth("inspect", registry.hostPort() + "/team/orphan:v1", "--json").json();
        assertTrue(json.path("size").isNull(), json.toString());
        assertFalse(json.path("sizeComplete").asBoolean(true));
        assertEquals(4, json.path("missingPlatforms").size());
        assertEquals("linux/amd64", json.path("missingPlatforms").get(0).path("platform").asText());
        assertEquals(orphan.children().getFirst().digest(), json.path("missingPlatforms").get(0).path("digest").asText());
    }

    @Test
    void inspectOfAnIndexMissingOneImageSaysTheSizeIsPartial() throws Exception {
        try (RegistryServer scratch = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(scratch);
            Index partial = seeder.pushIndex("team/partial", "v1", TestImages.multiArch(9, 1000, 2000));
            seeder.deleteManifest("team/partial", partial.children().getFirst().digest());
            assertTheSizeIsPartial(scratch);
        }
        assertTrue(berth("inspect", registry.hostPort() + "/team/multi:v1", "--json").json().path("sizeComplete").asBoolean());
    }

    private static void assertTheSizeIsPartial(RegistryServer registry) throws Exception {
        CliRun text = berth("inspect", registry.hostPort() + "/team/partial:v1");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Size:       at least "), text.out());
        assertTrue(text.out().contains("partial: 1 of 4 images this index lists is missing"), text.out());
        JsonNode json = berth("inspect", registry.hostPort() + "/team/partial:v1", "--json").json();
        assertTrue(json.path("size").asLong() > 0);
        assertFalse(json.path("sizeComplete").asBoolean(true));
        assertEquals(1, json.path("missingPlatforms").size());
    }

    @Test
    void inspectByDigestWorks() throws Exception {
        CliRun run = berth("inspect", registry.hostPort() + "/team/app@" + older.digest(), "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals("2024-01-15T08:30:00Z", run.json().path("created").asText());
    }

    @Test
    void rmWithoutYesListsEveryTagOnTheDigestAndDeletesNothing() throws Exception {
        CliRun run = berth("rm", registry.hostPort() + "/team/app:latest");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("1.4.0, latest, stable"), run.out());
        assertTrue(run.out().contains("--yes"), run.out());
        CliRun tags = berth("tags", registry.hostPort() + "/team/app");
        assertEquals(List.of("1.3.0", "1.4.0", "latest", "stable"), tags.out().lines().toList());
    }

    @Test
    void rmWithYesDeletesTheDigestAndItsTags() throws Exception {
        try (RegistryServer scratch = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(scratch);
            Image doomed = seeder.pushImage("scratch/doomed", "a", 9, 100);
            seeder.tag("scratch/doomed", "b", doomed.manifest().bytes(), doomed.mediaType());
            seeder.pushImage("scratch/doomed", "keep", 10, 100);

            CliRun run = berth("rm", scratch.hostPort() + "/scratch/doomed:a", "--yes", "--json");
            assertEquals(0, run.code(), run.err());
            assertEquals(List.of("a", "b"), new ObjectMapper().convertValue(run.json().path("tags"), List.class));
            assertTrue(run.json().path("deleted").asBoolean());
            assertEquals(List.of("keep"), berth("tags", scratch.hostPort() + "/scratch/doomed").out().lines().toList());
            assertNull(seeder.getManifest("scratch/doomed", doomed.digest()));
        }
    }

    @Test
    void rmOnARegistryWithDeletesDisabledExplainsWhatToDo() {
        try (RegistryServer readOnly = RegistryServer.builder(work).deletesEnabled(false).start()) {
            RegistrySeeder.of(readOnly).pushImage("team/app", "v1", 11, 100);
            CliRun run = berth("rm", readOnly.hostPort() + "/team/app:v1", "--yes");
            assertEquals(1, run.code());
            assertTrue(run.err().contains("REGISTRY_STORAGE_DELETE_ENABLED=true"), run.err());
        }
    }

    @Test
    void unknownRepositoryIsAnErrorOnStderrWithExitOne() {
        CliRun run = berth("tags", registry.hostPort() + "/no/such", "--json");
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("berth: "), run.err());
        assertTrue(run.err().contains("Not found"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, berth("tags").code());
        assertEquals(2, berth("tags", registry.hostPort() + "/team/app", "--no-such-option").code());
        assertEquals(2, berth("repos", registry.hostPort(), "--username", "alice").code(), "a password is never an argument");
        assertEquals(2, berth("repos", "not a host").code());
        assertEquals(2, berth("repos", "registry.example.com", "--insecure").code());
    }

    @Test
    void anUnknownOptionIsNamedAsUnknownEvenWhenAParameterIsMissingToo() {
        for (String command : List.of("repos", "tags", "inspect", "rm", "cleanup", "undo")) {
            CliRun run = berth(command, "--nope");
            assertEquals(2, run.code(), command);
            assertTrue(run.err().startsWith("Unknown option: '--nope'"), command + ": " + run.err());
            assertTrue(run.err().contains("Usage: berth " + command) || run.err().contains("Possible solutions: "), command + ": "
                    + run.err());
        }
        CliRun withHost = berth("repos", "--nope", registry.hostPort());
        assertEquals(2, withHost.code());
        assertTrue(withHost.err().startsWith("Unknown option: '--nope'"), withHost.err());
        CliRun optionValue = berth("repos", "--timeout", "5", "--nope=1");
        assertTrue(optionValue.err().startsWith("Unknown option: '--nope=1'"), optionValue.err());
    }

    @Test
    void plainHttpToARemoteHostIsRefused() {
        CliRun run = berth("repos", "registry.example.com:5000", "--plain-http");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("Plain HTTP is only allowed"), run.err());
    }

    @Test
    void credentialsComeFromStdinAndNeverFromArguments() {
        Path dockerConfig = work.resolve("empty-docker");
        CliRun run = berth(Map.of("DOCKER_CONFIG", dockerConfig.toString()), "s3cret\n", "repos", registry.hostPort(),
                "--username", "alice", "--password-stdin");
        assertEquals(0, run.code(), run.err()); // a registry without auth ignores them
        assertFalse(run.err().contains("s3cret"));
    }

    @Test
    void tlsRegistryWithHtpasswdWorksWithCaCertAndPasswordOnStdin() throws Exception {
        TestPki pki = TestPki.create("Berth CLI test CA");
        try (RegistryServer secure = RegistryServer.builder(work).tls(pki).htpasswd("alice", "s3cret").start()) {
            RegistrySeeder.of(secure.baseUrl(), RegistrySeeder.trusting(pki)).withAuthorization(RegistrySeeder.basic("alice", "s3cret"))
                    .pushImage("secure/app", "v1", 12, 100);
            String ca = pki.writeRootPem(work.resolve("cli-ca.pem")).toString();

            CliRun ok = berth(Map.of("DOCKER_CONFIG", work.resolve("none").toString()), "s3cret\n",
                    "tags", secure.hostPort() + "/secure/app", "--ca-cert", ca, "--username", "alice", "--password-stdin");
            assertEquals(0, ok.code(), ok.err());
            assertEquals(List.of("v1"), ok.out().lines().toList());

            CliRun wrong = berth(Map.of("DOCKER_CONFIG", work.resolve("none").toString()), "nope\n",
                    "tags", secure.hostPort() + "/secure/app", "--ca-cert", ca, "--username", "alice", "--password-stdin");
            assertEquals(1, wrong.code());
            assertTrue(wrong.err().contains("did not accept the credentials"), wrong.err());
            assertFalse(wrong.err().contains("nope"), "the password leaked: " + wrong.err());

            CliRun untrusted = berth("tags", secure.hostPort() + "/secure/app");
            assertEquals(1, untrusted.code());
            assertTrue(untrusted.err().toLowerCase(java.util.Locale.ROOT).contains("certificate"), untrusted.err());
            assertTrue(untrusted.err().contains("--ca-cert FILE") && untrusted.err().contains("certs.d/" + secure.hostPort() + "/ca.crt"),
                    "the CLI's advice names its option: " + untrusted.err());
            assertFalse(untrusted.err().contains("TLS settings"), "the CLI has no settings dialog: " + untrusted.err());
        }
    }

    @Test
    void credentialsComeFromDockersConfigWhenNoneAreGiven() throws Exception {
        try (RegistryServer secured = RegistryServer.builder(work).htpasswd("bob", "hunter2").start()) {
            RegistrySeeder.of(secured).withAuthorization(RegistrySeeder.basic("bob", "hunter2")).pushImage("private/app", "v2", 13, 100);
            Path dockerConfig = work.resolve("docker-with-auth");
            java.nio.file.Files.createDirectories(dockerConfig);
            String auth = java.util.Base64.getEncoder().encodeToString("bob:hunter2".getBytes(StandardCharsets.UTF_8));
            java.nio.file.Files.writeString(dockerConfig.resolve("config.json"),
                    "{\"auths\":{\"" + secured.hostPort() + "\":{\"auth\":\"" + auth + "\"}}}");

            CliRun run = berth(Map.of("DOCKER_CONFIG", dockerConfig.toString()), "", "tags", secured.hostPort() + "/private/app");
            assertEquals(0, run.code(), run.err());
            assertEquals(List.of("v2"), run.out().lines().toList());
            CliRun anonymous = berth("tags", secured.hostPort() + "/private/app");
            assertEquals(1, anonymous.code());
            assertTrue(anonymous.err().contains("requires you to sign in"), anonymous.err());
        }
    }

    static CliRun berth(String... args) {
        return berth(Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString()), "", args);
    }

    static CliRun berth(Map<String, String> variables, String stdin, String... args) {
        return CliRun.of(work.resolve("home"), variables, stdin, args);
    }
}
