package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Digest;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth inspect} reads the places {@code berth copy} writes, in the same transport syntax, and
 * tells about an image there what it tells about the same image in a registry.
 */
class InspectPlacesCliTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static String app;
    private static String multi;

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work.resolve("registry")).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        seeder.pushImage("cli/app", "1.0", TestImages.ociImage(905, 1200, 3400));
        seeder.pushIndex("cli/multi", "v1", TestImages.multiArch(7, 2000, 7000));
        app = "docker://" + registry.hostPort() + "/cli/app:1.0";
        multi = "docker://" + registry.hostPort() + "/cli/multi:v1";
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void aLayoutTagShowsWhatTheRegistryTagShows() throws Exception {
        Path layout = appAt1_0("same");
        copy(multi, "oci:" + layout + ":multi");

        assertSameImage(inspect(app), inspect("oci:" + layout + ":1.0"));
        JsonNode index = inspect("oci:" + layout + ":multi");
        assertSameImage(inspect(multi), index);
        assertEquals(2, index.path("platforms").size(), index.toPrettyString());
        assertEquals("oci:" + layout + ":1.0", inspect("oci:" + layout + ":1.0").path("reference").asText());
    }

    @Test
    void theTextShowsDigestPlatformLayersAndSizes() {
        Path layout = appAt1_0("text");
        CliRun text = CliRun.in(work, "inspect", "oci:" + layout + ":1.0");
        assertEquals(BerthCli.OK, text.code(), text.err());
        String digest = CliRun.in(work, "inspect", "--plain-http", registry.hostPort() + "/cli/app:1.0").out().lines()
                .filter(l -> l.startsWith("Digest:")).findFirst().orElseThrow();
        assertTrue(text.out().contains(digest), text.out());
        assertTrue(text.out().contains("Reference:  oci:" + layout + ":1.0"), text.out());
        assertTrue(text.out().contains("Platform:   linux/amd64"), text.out());
        assertTrue(text.out().contains("Layers:"), text.out());
    }

    @Test
    void archivesAndDockerUrlsAreInspectedToo() throws Exception {
        copy(app, "oci-archive:" + work.resolve("app-oci.tar") + ":2.0");
        assertSameImage(inspect(app), inspect("oci-archive:" + work.resolve("app-oci.tar") + ":2.0"));

        // A classic docker-archive (docker save): uncompressed layers under a manifest Berth makes from the config.
        Path saved = work.resolve("saved.tar");
        byte[] layer = tar(java.util.Map.of("hello.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        String layerHex = Digest.sha256(layer).hex();
        byte[] config = ("{\"architecture\":\"arm64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
                + layerHex + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configHex = Digest.sha256(config).hex();
        byte[] listing = ("[{\"Config\":\"" + configHex + ".json\",\"RepoTags\":[\"cli/app:1.0\"],\"Layers\":[\"" + layerHex
                + "/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8);
        Files.write(saved, tar(java.util.Map.of("manifest.json", listing, configHex + ".json", config, layerHex + "/layer.tar", layer)));
        for (String place : new String[] {"docker-archive:" + saved, "docker-archive:" + saved + ":cli/app:1.0"}) {
            JsonNode archived = inspect(place);
            assertEquals("linux", archived.path("config").path("os").asText(), archived.toPrettyString());
            assertEquals("arm64", archived.path("config").path("architecture").asText());
            assertEquals("sha256:" + layerHex, archived.path("layers").path(0).path("digest").asText());
            assertEquals(layer.length, archived.path("layers").path(0).path("size").asLong());
        }

        assertEquals(inspect(app).path("digest"), inspect("docker://" + registry.hostPort() + "/cli/app:1.0").path("digest"));
    }

    @Test
    void withoutATagTheOnlyImageOfALayoutIsMeantTaggedOrNot() throws Exception {
        Path twoTags = work.resolve("two-tags");
        copy(app, "oci:" + twoTags + ":1.0");
        copy(app, "oci:" + twoTags + ":stable");
        assertSameImage(inspect(app), inspect("oci:" + twoTags));

        Path untagged = work.resolve("untagged");
        copy(app, "oci:" + untagged);
        assertEquals("", CliRun.in(work, "tags", "oci:" + untagged).out());
        assertSameImage(inspect(app), inspect("oci:" + untagged));
        // copy resolves a name the same way
        copy("oci:" + untagged, "oci:" + work.resolve("untagged-copy") + ":1.0");
        assertSameImage(inspect(app), inspect("oci:" + work.resolve("untagged-copy") + ":1.0"));
    }

    @Test
    void withoutATagALayoutOfSeveralImagesSaysWhichThereAreAndHowToChoose() {
        Path layout = appAt1_0("several");
        copy(multi, "oci:" + layout + ":multi");
        copy(multi, "oci:" + layout);

        for (String command : new String[] {"inspect", "copy"}) {
            CliRun run = command.equals("inspect") ? CliRun.in(work, "inspect", "oci:" + layout)
                    : CliRun.in(work, "copy", "oci:" + layout, "oci:" + work.resolve("nowhere"));
            assertEquals(BerthCli.ERROR, run.code(), run.out());
            assertTrue(run.err().contains("oci:" + layout + " holds 2 images (tagged 1.0, multi): name the one you mean, as oci:"
                    + layout + ":TAG, or by digest, as oci:" + layout + ":sha256:…"), run.err());
        }
    }

    @Test
    void aTagTheLayoutDoesNotHaveIsNamed() {
        Path layout = appAt1_0("missing-tag");
        CliRun run = CliRun.in(work, "inspect", "oci:" + layout + ":2.0");
        assertEquals(BerthCli.ERROR, run.code(), run.out());
        assertTrue(run.err().contains("There is no image tagged 2.0 in oci:" + layout), run.err());
    }

    /** A new layout holding the registry's image as 1.0. */
    private static Path appAt1_0(String name) {
        Path layout = work.resolve(name);
        copy(app, "oci:" + layout + ":1.0");
        return layout;
    }

    /** Everything but the reference (which says where the image was read) is the same. */
    private static void assertSameImage(JsonNode expected, JsonNode actual) {
        ObjectNode want = expected.deepCopy();
        ObjectNode got = actual.deepCopy();
        want.remove("reference");
        got.remove("reference");
        assertEquals(want, got);
    }

    private static JsonNode inspect(String place) throws Exception {
        CliRun run = CliRun.in(work, "inspect", "--json", "--plain-http", place);
        assertEquals(BerthCli.OK, run.code(), run.err() + run.out());
        return run.json();
    }

    private static byte[] tar(java.util.Map<String, byte[]> files) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (var file : new java.util.TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void copy(String from, String to) {
        CliRun run = CliRun.in(work, "copy", "--src-plain-http", from, to);
        assertEquals(BerthCli.OK, run.code(), run.err() + run.out());
    }
}
