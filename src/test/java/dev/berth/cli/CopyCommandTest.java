package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestPki;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code berth copy} and {@code berth tag} in-process against a real registry: syntax, JSON, errors. */
class CopyCommandTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static Image image;
    private static Index multiArch;


    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work.resolve("registry")).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        image = seeder.pushImage("cli/app", "1.0", TestImages.ociImage(801, 1200, 3400));
        multiArch = seeder.pushIndex("cli/multi", "1.0", TestImages.multiArch(802, 900));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "docker://localhost:5000/team/app:1.0 | Registry       | localhost:5000/team/app:1.0",
            "localhost:5000/team/app:1.0          | Registry       | localhost:5000/team/app:1.0",
            "docker://localhost:5000/team/app     | Registry       | localhost:5000/team/app:latest",
            "nginx                                | Registry       | docker.io/library/nginx:latest",
            "oci:/tmp/out:1.0                     | Layout         | /tmp/out 1.0",
            "oci:/tmp/out                         | Layout         | /tmp/out -",
            "oci:relative/dir:v2                  | Layout         | relative/dir v2",
            "oci-archive:/tmp/a.tar:v1            | OciArchive     | /tmp/a.tar v1",
            "oci-archive:/tmp/a.tar               | OciArchive     | /tmp/a.tar -",
            "docker-archive:/tmp/d.tar:team/app:1 | DockerArchive  | /tmp/d.tar team/app:1",
            "docker-archive:/tmp/d.tar:@0         | DockerArchive  | /tmp/d.tar @0",
            "docker-archive:/tmp/d.tar            | DockerArchive  | /tmp/d.tar -",
            "engine:localhost/team/app:1          | Engine         | localhost/team/app:1",
            "engine:alpine                        | Engine         | alpine",
            "engine:sha256:0123abcd               | Engine         | sha256:0123abcd",
            "engine:                              | Engine         | (none)",
    })
    void locationsAreWrittenAsSkopeoWritesThem(String text, String kind, String expected) {
        ImageLocation location = ImageLocation.parse(text);
        assertEquals(kind, location.getClass().getSimpleName());
        String described = switch (location) {
            case ImageLocation.Registry r -> r.reference().canonical();
            case ImageLocation.Layout l -> l.dir() + " " + l.name().orElse("-");
            case ImageLocation.OciArchive a -> a.file() + " " + a.name().orElse("-");
            case ImageLocation.DockerArchive a -> a.file() + " " + a.name().orElse("-");
            case ImageLocation.Engine e -> e.name().orElse("(none)");
        };
        assertEquals(expected, described);
    }

    @ParameterizedTest
    @CsvSource({"dir:/tmp/x", "oci:", "docker://", "oci-archive::tag"})
    void whatIsNoLocationIsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageLocation.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "localhost:5000/team/app:1.0 | docker-archive:/tmp/d.tar       | localhost:5000/team/app:1.0",
            "localhost:5000/team/app:1.0 | docker-archive:/tmp/d.tar:x/y:2 | x/y:2",
            "oci:/tmp/in:1.0             | docker-archive:/tmp/d.tar       | -",
            "localhost:5000/team/app:1.0 | oci:/tmp/out                    | -",
            "localhost:5000/team/app:1.0 | oci:/tmp/out:v2                 | v2",
            "oci:/tmp/in:1.0             | localhost:5000/team/copy:3.0    | 3.0",
            "localhost:5000/team/app:1.0 | engine:                         | localhost:5000/team/app:1.0",
            "localhost:5000/team/app:1.0 | engine:mine/app:2               | mine/app:2",
    })
    void theDestinationNameIsTheOneGivenOrForAnArchiveTheSourcesName(String from, String to, String expected) {
        assertEquals(Optional.ofNullable(expected), CopyCommand.destinationName(ImageLocation.parse(from), ImageLocation.parse(to)));
    }

    @Test
    void aCancelReadsAsOneSentence() {
        assertEquals("cancelled; nothing was tagged or left half-written.",
                CliErrors.describe(new java.util.concurrent.CancellationException("cancelled")));
    }

    @Test
    void copyAsJsonHasTheResultShape() throws Exception {
        CliRun run = berth("", "copy", "--src-plain-http", "--dest-plain-http", "--json",
                registry.hostPort() + "/cli/app:1.0", "docker://" + registry.hostPort() + "/cli/copied:1.0");
        assertEquals(0, run.code(), run.err());
        JsonNode json = run.json();
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("digest", "bytes", "blobsCopied", "blobsSkipped", "blobsMounted", "seconds", "digestPreserved", "digestChange"), fields);
        assertEquals(image.digest(), json.path("digest").asText());
        assertEquals(image.blobs().size(), json.path("blobsMounted").asInt(), "same registry: mounted");
        assertTrue(json.path("seconds").isNumber());
        assertTrue(json.path("digestPreserved").asBoolean());
        assertTrue(run.err().contains("mounted sha256:"), "a plain line per blob when stderr is no terminal: " + run.err());
    }

    @Test
    void anIndexGoesToALayoutAndOnePlatformComesBack(@TempDir Path dir) throws Exception {
        CliRun out = berth("", "copy", "--src-plain-http", registry.hostPort() + "/cli/multi:1.0", "oci:" + dir.resolve("layout") + ":v1");
        assertEquals(0, out.code(), out.err());
        assertTrue(out.out().contains(multiArch.digest()), out.out());
        assertTrue(Files.isRegularFile(dir.resolve("layout/index.json")));

        CliRun back = berth("", "copy", "--dest-plain-http", "--json", "--platform", "linux/amd64", "oci:" + dir.resolve("layout") + ":v1",
                registry.hostPort() + "/cli/amd64:1.0");
        assertEquals(0, back.code(), back.err());
        assertFalse(back.json().path("digestPreserved").asBoolean());
        assertTrue(back.json().path("digestChange").asText().contains("platforms"));
    }

    @Test
    void eachSideHasItsOwnConnectionOptions() throws Exception {
        TestPki pki = TestPki.create("Berth copy test CA");
        try (RegistryServer secure = RegistryServer.builder(work.resolve("secure")).tls(pki).htpasswd("alice", "s3cret").start()) {
            String ca = pki.writeRootPem(work.resolve("copy-ca.pem")).toString();
            CliRun up = berth("s3cret\n", "copy", "--json", "--src-plain-http", "--dest-ca-cert", ca, "--dest-username", "alice",
                    "--dest-password-stdin", registry.hostPort() + "/cli/app:1.0", "docker://" + secure.hostPort() + "/secure/app:1.0");
            assertEquals(0, up.code(), up.err());
            assertEquals(image.digest(), up.json().path("digest").asText());
            assertEquals(image.blobs().size(), up.json().path("blobsCopied").asInt(), "another registry: uploaded, not mounted");

            CliRun down = berth("s3cret\n", "copy", "--json", "--src-ca-cert", ca, "--src-username", "alice", "--src-password-stdin",
                    "--dest-plain-http", "docker://" + secure.hostPort() + "/secure/app:1.0", registry.hostPort() + "/cli/back:1.0");
            assertEquals(0, down.code(), down.err());
            assertEquals(image.digest(), down.json().path("digest").asText());

            CliRun anonymous = berth("", "copy", "--src-ca-cert", ca, "docker://" + secure.hostPort() + "/secure/app:1.0",
                    "oci:" + work.resolve("anonymous"));
            assertEquals(1, anonymous.code());
            assertFalse(Files.exists(work.resolve("anonymous")));
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        String src = registry.hostPort() + "/cli/app:1.0";
        String dst = "oci:" + work.resolve("never");
        for (String[] args : List.of(new String[] {"copy", "dir:/tmp/x", dst}, new String[] {"copy", "--with-referrers", src, dst /* a layout cannot list referrers */},
                new String[] {"copy", "--platform", "linux", src, dst}, new String[] {"copy", "--compression", "zip", src, dst},
                new String[] {"copy", "--all-platforms", "--platform", "linux/amd64", src, dst},
                new String[] {"copy", "--src-username", "a", "--src-password-stdin", "--dest-username", "b", "--dest-password-stdin", src,
                        "docker://" + registry.hostPort() + "/x:1"},
                new String[] {"copy", src})) {
            CliRun run = berth("secret", args);
            assertEquals(2, run.code(), String.join(" ", args) + "\n" + run.err());
            assertFalse(run.err().isBlank());
        }
        assertFalse(Files.exists(work.resolve("never")));
    }

    @Test
    void aMissingSourceIsAnErrorThatSaysSoAndWritesNothing(@TempDir Path dir) {
        CliRun run = berth("", "copy", "--src-plain-http", registry.hostPort() + "/cli/app:nope", "oci:" + dir.resolve("out"));
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("berth: "), run.err());
        assertTrue(run.err().contains("nope"), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void tagPutsTheSameManifestUnderANewTag() throws Exception {
        CliRun run = berth("", "tag", "--plain-http", "--json", registry.hostPort() + "/cli/app:1.0", "stable");
        assertEquals(0, run.code(), run.err());
        assertEquals(image.digest(), run.json().path("digest").asText());
        assertEquals(registry.hostPort() + "/cli/app:stable", run.json().path("reference").asText());
        CliRun tags = berth("", "tags", "--plain-http", registry.hostPort() + "/cli/app");
        assertEquals(List.of("1.0", "stable"), tags.out().lines().toList());

        assertEquals(2, berth("", "tag", "--plain-http", registry.hostPort() + "/cli/app:1.0", "not a tag").code());
    }

    static CliRun berth(String stdin, String... args) {
        return CliRun.of(work.resolve("home"), Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString()), stdin, args);
    }
}
