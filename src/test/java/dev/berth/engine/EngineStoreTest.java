package dev.berth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Descriptor;
import dev.berth.domain.ImageManifest;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.store.DockerArchive;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.store.RegistryStore;
import dev.berth.testing.PodmanService;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RunnableImage;
import dev.berth.transfer.CopyOptions;
import dev.berth.transfer.CopyResult;
import dev.berth.transfer.ImageCopier;
import dev.berth.work.Progress;
import dev.berth.work.CancelSignal;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local engine as a place, against a real podman API service and a real registry. */
class EngineStoreTest {

    private static final CopyOptions TO_ENGINE = CopyOptions.defaults().withSingleImage(true).withCompression(CopyOptions.LayerCompression.KEEP);

    @TempDir
    static Path dir;
    private static RegistryServer registry;
    private static PodmanService podman;
    private static RegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(dir.resolve("registry")).start();
        podman = PodmanService.start(dir.resolve("podman"), registry.hostPort());
        client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
    }

    @AfterAll
    static void stop() {
        if (podman != null) podman.close();
        if (registry != null) registry.close();
    }

    private static Engine engine() throws EngineException {
        return new EngineLocator(Map.of("DOCKER_HOST", podman.dockerHost())).connect();
    }

    @Test
    void listsTheImagesTheEngineHolds(@TempDir Path work) throws Exception {
        RunnableImage image = RunnableImage.of("listed");
        Path archive = archiveOf(image, "berth/listed:1.0", work);
        podman.podman("load", "-i", archive.toString());

        try (Engine engine = engine()) {
            LocalImage listed = engine.images().stream().filter(i -> i.repoTags().contains("localhost/berth/listed:1.0")).findFirst()
                    .orElseThrow(() -> new AssertionError("not listed: " + imagesOf(engine)));
            assertEquals(image.imageId(), listed.id());
            assertTrue(listed.size() > 0, "size " + listed.size());
            assertEquals(java.time.Instant.parse("2024-03-01T12:00:00Z"), listed.created());
            assertEquals(image.imageId().substring(7, 19), listed.shortId());
        }
    }

    @Test
    void describesAnImageFromItsInspectAnswerWithoutSavingIt(@TempDir Path work) throws Exception {
        RunnableImage image = RunnableImage.of("described");
        podman.podman("load", "-i", archiveOf(image, "berth/described:1.0", work).toString());

        try (Engine engine = engine()) {
            EngineImageDetails details = engine.details("localhost/berth/described:1.0")
                    .orElseThrow(() -> new AssertionError("not described: " + imagesOf(engine)));
            assertEquals(image.imageId(), details.image().id());
            assertEquals(List.of("localhost/berth/described:1.0"), details.image().repoTags());
            assertEquals("linux/amd64", details.config().platform().toString());
            assertEquals(List.of("/hello.txt"), details.config().cmd());
            assertEquals(List.of(dev.berth.domain.Digest.parse(image.diffId())), details.layers());
            assertEquals(java.time.Instant.parse("2024-03-01T12:00:00Z"), details.config().created().orElseThrow());
            assertTrue(details.historyKnown(), "podman tells the history");
            assertEquals(Optional.empty(), engine.details("localhost/berth/never-loaded:1.0"));
        }
    }

    @Test
    void aPullGoesThroughBerthIntoTheEngineUnderTheNameGiven(@TempDir Path work) throws Exception {
        RunnableImage image = RunnableImage.of("pulled");
        String pushed = image.pushTo(RegistrySeeder.of(registry), "team/pulled", "2.0");
        String name = registry.hostPort() + "/team/pulled:2.0";

        try (Engine engine = engine();
                ImageSource from = new RegistryStore(client, "team/pulled");
                EngineStore to = new EngineStore(engine, work.resolve("scratch"))) {
            new ImageCopier(work).copy(from, "2.0", to, Optional.of(name), TO_ENGINE, CancelSignal.none(), Progress.none());
            LocalImage local = engine.image(name).orElseThrow(() -> new AssertionError(name + " not in the engine: " + imagesOf(engine)));
            assertEquals(image.imageId(), local.id());
            assertTrue(engine.images().stream().anyMatch(i -> i.repoTags().contains(name)), imagesOf(engine));
        }
        assertTrue(pushed.startsWith("sha256:"));
        assertScratchEmpty(work.resolve("scratch"));
    }

    @Test
    void aLocalImageIsPushedToARegistryWithTheDigestsItHas(@TempDir Path work) throws Exception {
        RunnableImage image = RunnableImage.of("pushed");
        podman.podman("load", "-i", archiveOf(image, "berth/local:3.0", work).toString());

        CopyResult result;
        try (Engine engine = engine();
                EngineStore from = new EngineStore(engine, work.resolve("scratch"));
                ImageDestination to = new RegistryStore(client, "from/engine")) {
            result = new ImageCopier(work).copy(from, "localhost/berth/local:3.0", to, Optional.of("3.0"),
                    CopyOptions.defaults().withCompression(CopyOptions.LayerCompression.GZIP),
                    CancelSignal.none(), Progress.none());
        }
        RegistryStore pushed = new RegistryStore(client, "from/engine");
        Descriptor top = pushed.resolve("3.0");
        assertEquals(result.digest(), top.digest(), "the registry holds the manifest the copy wrote");
        ImageManifest manifest = (ImageManifest) pushed.manifest(top.digest());
        assertEquals(image.imageId(), manifest.config().digest().toString(), "the config is the engine's, byte for byte");
        try (InputStream layer = new java.util.zip.GZIPInputStream(pushed.openBlob(manifest.layers().get(0)))) {
            assertEquals(image.diffId(), dev.berth.domain.Digest.sha256(layer.readAllBytes()).toString());
        }
        assertScratchEmpty(work.resolve("scratch"));
    }

    @Test
    void anImageSavedFromTheEngineLoadsBackUnderANewName(@TempDir Path work) throws Exception {
        RunnableImage image = RunnableImage.of("round trip");
        podman.podman("load", "-i", archiveOf(image, "berth/round:1", work).toString());

        try (Engine engine = engine()) {
            try (EngineStore from = new EngineStore(engine, work.resolve("scratch"));
                    EngineStore to = new EngineStore(engine, work.resolve("scratch"))) {
                new ImageCopier(work).copy(from, image.imageId(), to, Optional.of("berth/round:again"), TO_ENGINE, CancelSignal.none(),
                        Progress.none());
            }
            LocalImage again = engine.image("berth/round:again").orElseThrow(() -> new AssertionError(imagesOf(engine)));
            assertEquals(image.imageId(), again.id(), "the same config, so the same image id");
            assertTrue(again.repoTags().contains("localhost/berth/round:1"), "one image, both names: " + again.repoTags());
        }
        assertScratchEmpty(work.resolve("scratch"));
    }

    @Test
    void anUnknownImageIsNamedInTheError(@TempDir Path work) throws Exception {
        try (Engine engine = engine(); EngineStore from = new EngineStore(engine, work)) {
            EngineException.NoSuchImage e = org.junit.jupiter.api.Assertions.assertThrows(EngineException.NoSuchImage.class,
                    () -> from.resolve("berth/nothing:here"));
            assertTrue(e.getMessage().contains("berth/nothing:here") && e.getMessage().contains("berth images"), e.getMessage());
        }
    }

    @Test
    void aLoadTheEngineRefusesFailsInTheEnginesWords() throws Exception {
        try (Engine engine = engine()) {
            EngineException e = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class,
                    () -> engine.load(new java.io.ByteArrayInputStream("not an image archive".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            assertTrue(e.getMessage().startsWith("The engine at " + podman.dockerHost() + " refused the image: "), e.getMessage());
        }
    }

    @Test
    void podmansRootlessSocketUnderXdgRuntimeDirIsFound(@TempDir Path work) throws Exception {
        Path runtimeDir = work.resolve("xdg");
        Files.createDirectories(runtimeDir.resolve("podman"));
        Files.createSymbolicLink(runtimeDir.resolve("podman/podman.sock"), podman.socket());
        EngineLocator locator = new EngineLocator(Map.of("XDG_RUNTIME_DIR", runtimeDir.toString()),
                List.of(work.resolve("no-docker.sock"), work.resolve("no-podman.sock")));
        try (Engine engine = locator.connect()) {
            assertEquals("unix://" + runtimeDir.resolve("podman/podman.sock"), engine.address().uri().toString());
            engine.images();
        }
    }

    /** Podman runs as root here: its storage, run state and configuration must all be the test's. */
    @Test
    void podmanKeepsItsStateInsideTheTestDirectory() throws Exception {
        var info = new com.fasterxml.jackson.databind.ObjectMapper().readTree(podman.podman("info", "--format", "json"));
        Path inside = podman.dir();
        for (String path : List.of(info.path("store").path("graphRoot").asText(), info.path("store").path("runRoot").asText(),
                info.path("store").path("volumePath").asText(), info.path("store").path("configFile").asText())) {
            assertTrue(Path.of(path).startsWith(inside), path + " is outside " + inside);
        }
    }

    /** Our docker-archive writer's output of {@code image}, copied from the registry. */
    private static Path archiveOf(RunnableImage image, String name, Path work) throws Exception {
        String repo = "seed/" + image.imageId().substring(7, 19);
        image.pushTo(RegistrySeeder.of(registry), repo, "1");
        Path archive = work.resolve("seed.tar");
        try (ImageSource from = new RegistryStore(client, repo); ImageDestination to = DockerArchive.create(archive)) {
            new ImageCopier(work).copy(from, "1", to, Optional.of(name), TO_ENGINE, CancelSignal.none(), Progress.none());
        }
        return archive;
    }

    private static String imagesOf(Engine engine) {
        try {
            return engine.images().toString();
        } catch (EngineException e) {
            return e.getMessage();
        }
    }

    private static void assertScratchEmpty(Path scratch) throws Exception {
        if (!Files.exists(scratch)) return;
        try (var left = Files.list(scratch)) {
            List<Path> files = left.toList();
            assertFalse(!files.isEmpty(), "temporary files left behind: " + files);
        }
    }
}
