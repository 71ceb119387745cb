package dev.berth.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.engine.Engine;
import dev.berth.engine.EngineLocator;
import dev.berth.engine.LocalImage;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.store.RegistryStore;
import dev.berth.testing.PodmanService;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.RunnableImage;
import dev.berth.transfer.CopyOptions;
import dev.berth.transfer.ImageCopier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull into and push out of the local engine as jobs, against a real podman API service and a real registry. */
class EngineJobsTest {

    @TempDir
    static Path dir;
    private static RegistryServer registry;
    private static PodmanService podman;
    private static RegistryClient client;
    private static JobService jobs;
    private static CopyJobs copies;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.builder(dir.resolve("registry")).start();
        podman = PodmanService.start(dir.resolve("podman"));
        client = new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false));
        jobs = new JobService(2, JobHistory.inMemory(), Clock.systemUTC());
        StorePlaces places = new StorePlaces(place -> client, locator(), dir.resolve("scratch"));
        copies = new CopyJobs(jobs, places, new ImageCopier(dir.resolve("copier")));
    }

    @AfterAll
    static void stop() {
        if (jobs != null) jobs.close();
        if (podman != null) podman.close();
        if (registry != null) registry.close();
    }

    private static EngineLocator locator() {
        return new EngineLocator(Map.of("DOCKER_HOST", podman.dockerHost()));
    }

    private static Place.Registry repository(String name) {
        return new Place.Registry("local", registry.hostPort(), name);
    }

    @Test
    void aPullJobPutsTheTagIntoTheEngineUnderItsRegistryName() throws Exception {
        RunnableImage image = RunnableImage.of("pulled by a job");
        image.pushTo(RegistrySeeder.of(registry), "team/pulled", "1.0");

        JobSnapshot done = JobServiceTest.awaitFinished(copies.submit(new CopyRequest(JobKind.PULL,
                new ImageAt(repository("team/pulled"), "1.0"), new ImageAt(new Place.LocalEngine(), ""), CopyOptions.defaults())));

        assertEquals(JobState.DONE, done.state(), () -> done.error().orElse(""));
        String name = registry.hostPort() + "/team/pulled:1.0";
        assertEquals("engine:" + name, done.what().to());
        try (Engine engine = locator().connect()) {
            var listed = engine.images();
            LocalImage local = engine.image(name).orElseThrow(() -> new AssertionError(name + " is not in " + listed));
            assertEquals(image.imageId(), local.id());
            assertTrue(local.repoTags().contains(name), local.repoTags().toString());
        }
    }

    @Test
    void aPushJobPutsALocalImageIntoTheRegistryWithTheDigestItReports() throws Exception {
        RunnableImage image = RunnableImage.of("pushed by a job");
        image.pushTo(RegistrySeeder.of(registry), "seed/pushed", "1");
        JobSnapshot pulled = JobServiceTest.awaitFinished(copies.submit(new CopyRequest(JobKind.PULL,
                new ImageAt(repository("seed/pushed"), "1"), new ImageAt(new Place.LocalEngine(), "berth/local:3.0"), CopyOptions.defaults())));
        assertEquals(JobState.DONE, pulled.state(), () -> pulled.error().orElse(""));

        JobSnapshot pushed = JobServiceTest.awaitFinished(copies.submit(new CopyRequest(JobKind.PUSH,
                new ImageAt(new Place.LocalEngine(), "berth/local:3.0"), new ImageAt(repository("from/engine"), "3.0"), CopyOptions.defaults())));

        assertEquals(JobState.DONE, pushed.state(), () -> pushed.error().orElse(""));
        Digest digest = pushed.outcome().flatMap(JobOutcome::digest).orElseThrow();
        assertEquals(digest, new RegistryStore(client, "from/engine").resolve("3.0").digest());
        assertEquals("Push engine:berth/local:3.0", pushed.what().title());
    }

    @Test
    void withNoEngineTheJobFailsSayingWhatToStart() throws Exception {
        StorePlaces nowhere = new StorePlaces(place -> client, new EngineLocator(Map.of("DOCKER_HOST", "unix://" + dir.resolve("none.sock"))),
                dir.resolve("scratch"));
        JobSnapshot failed = JobServiceTest.awaitFinished(new CopyJobs(jobs, nowhere, new ImageCopier(dir.resolve("copier"))).submit(
                new CopyRequest(JobKind.PUSH, new ImageAt(new Place.LocalEngine(), "berth/local:3.0"), new ImageAt(repository("x/y"), "1"),
                        CopyOptions.defaults())));
        assertEquals(JobState.FAILED, failed.state());
        assertTrue(failed.error().orElseThrow().contains("podman.socket"), failed.error().toString());
    }
}
