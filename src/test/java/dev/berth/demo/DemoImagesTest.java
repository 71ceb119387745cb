package dev.berth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.ImageIndex;
import dev.berth.domain.ImageManifest;
import dev.berth.domain.Manifest;
import dev.berth.store.ExternalTool;
import dev.berth.store.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoImagesTest {

    @TempDir
    Path temp;

    @Test
    void holdsRepositoriesInNamespacesEachWithSeveralTags() throws IOException {
        Path demo = temp.resolve("demo");
        DemoImages.write(demo);

        assertEquals(List.of("library/alpine", "team/api", "team/web", "team/worker"), DemoImages.repositories());
        for (String repository : DemoImages.repositories()) {
            assertTrue(OciLayout.open(demo.resolve(repository)).tags().size() >= 2, repository + " has several tags");
        }
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0-rc1", "latest", "pr-101", "pr-102", "pr-103", "pr-104"),
                OciLayout.open(demo.resolve("team/api")).tags());
    }

    @Test
    void hasAMultiArchIndexSharedLayersSpreadDatesAndASignature() throws Exception {
        Path demo = temp.resolve("demo");
        DemoImages.write(demo);
        OciLayout alpine = OciLayout.open(demo.resolve("library/alpine"));
        Manifest latest = alpine.manifest(alpine.resolve("latest").digest());
        ImageIndex index = (ImageIndex) latest;
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"),
                index.manifests().stream().map(d -> d.platform().orElseThrow().toString()).toList());

        OciLayout api = OciLayout.open(demo.resolve("team/api"));
        OciLayout web = OciLayout.open(demo.resolve("team/web"));
        ImageManifest api12 = (ImageManifest) api.manifest(api.resolve("1.2.0").digest());
        ImageManifest web21 = (ImageManifest) web.manifest(web.resolve("2.1").digest());
        assertEquals(api12.layers().getFirst().digest(), web21.layers().getFirst().digest(), "the base layer is shared");

        Set<Instant> created = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String tag : api.tags()) {
            ImageManifest m = (ImageManifest) api.manifest(api.resolve(tag).digest());
            try (var in = api.openBlob(m.config())) {
                created.add(Instant.parse(json.readTree(in.readAllBytes()).path("created").asText()));
            }
        }
        Instant oldest = created.stream().min(Instant::compareTo).orElseThrow();
        Instant newest = created.stream().max(Instant::compareTo).orElseThrow();
        assertTrue(Duration.between(oldest, newest).toDays() > 150, "dates span months: " + created);
        assertTrue(newest.isBefore(DemoImages.REFERENCE_DATE));

        JsonNode entries = json.readTree(Files.readAllBytes(demo.resolve("team/api/index.json"))).path("manifests");
        JsonNode signature = null;
        for (JsonNode entry : entries) {
            if (entry.path("annotations").path("org.opencontainers.image.ref.name").isMissingNode()) signature = entry;
        }
        ImageManifest referrer = (ImageManifest) api.manifest(dev.berth.domain.Digest.parse(signature.path("digest").asText()));
        assertEquals(api12.digest(), referrer.subject().orElseThrow().digest());
    }

    @Test
    void isTheSameBytesEveryTime() throws IOException {
        DemoImages.write(temp.resolve("one"));
        DemoImages.write(temp.resolve("two"));
        assertEquals(files(temp.resolve("one")), files(temp.resolve("two")));
    }

    @Test
    void refusesAFolderThatHoldsSomething() throws IOException {
        Path full = Files.createDirectories(temp.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        IOException refused = assertThrows(IOException.class, () -> DemoImages.write(full));
        assertTrue(refused.getMessage().contains("is not empty"), refused.getMessage());
        assertEquals("mine", Files.readString(full.resolve("notes.txt")));
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of(full), siblings.toList(), "nothing is left beside it");
        }
    }

    @Test
    void skopeoCanInspectADemoLayout() throws Exception {
        Path demo = temp.resolve("demo");
        DemoImages.write(demo);
        String out = ExternalTool.run(temp, "skopeo", "inspect", "oci:" + demo.resolve("team/api") + ":1.2.0");
        JsonNode inspected = new ObjectMapper().readTree(out);
        assertEquals("amd64", inspected.path("Architecture").asText());
        assertEquals(2, inspected.path("Layers").size());
        String raw = ExternalTool.run(temp, "skopeo", "inspect", "--raw", "oci:" + demo.resolve("library/alpine") + ":latest");
        assertTrue(raw.contains("arm64"), raw);
    }

    private static TreeMap<String, String> files(Path root) throws IOException {
        TreeMap<String, String> contents = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(p).toString(), dev.berth.domain.Digest.sha256(Files.readAllBytes(p)).toString());
            }
        }
        return contents;
    }
}
