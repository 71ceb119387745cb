package dev.berth.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.auth.Credentials;
import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.store.OciLayout;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Image;
import dev.berth.transfer.CopyOptions;
import dev.berth.transfer.ImageCopier;
import dev.berth.work.CancelSignal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs over real registries and OCI layouts: progress, the bound on running jobs, cancel, retry, the kept history, no secrets. */
class JobServiceTest {

    private static final String PASSWORD = "pa55-word-never-on-disk";

    @TempDir
    static Path work;

    @TempDir
    Path temp;

    private static RegistryServer open;
    private static RegistryServer secured;
    private static Image image;
    private static Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    private JobService service;

    @BeforeAll
    static void start() throws Exception {
        open = RegistryServer.builder(work.resolve("open")).start();
        secured = RegistryServer.builder(work.resolve("secured")).htpasswd("alice", PASSWORD).start();
        image = TestImages.ociImage(901, 40_000, 70_000, 3_000);
        RegistrySeeder.of(open).pushImage("team/app", "1.0", image);
        RegistrySeeder.of(secured).withAuthorization(RegistrySeeder.basic("alice", PASSWORD)).pushImage("team/app", "1.0", image);
        clients.put("open", new RegistryClients().connect(ConnectionSettings.of(open.hostPort()).withPlainHttp(true, false)));
        clients.put("secured", new RegistryClients().connect(ConnectionSettings.of(secured.hostPort())
                .withCredentials(Credentials.basic("alice", PASSWORD)).withPlainHttp(true, false)));
    }

    @AfterAll
    static void stop() {
        if (open != null) open.close();
        if (secured != null) secured.close();
    }

    @AfterEach
    void closeService() {
        if (service != null) service.close();
    }

    private JobService service(JobHistory history) {
        service = new JobService(3, history, Clock.systemUTC());
        return service;
    }

    private static StorePlaces places() {
        // No engine: these jobs never touch one.
        return new StorePlaces(place -> clients.get(place.connectionId()), new dev.berth.engine.EngineLocator(Map.of("DOCKER_HOST", "unix:///nonexistent")),
                work.resolve("scratch"));
    }

    private static Place.Registry repository(String connection, String repository) {
        RegistryServer server = connection.equals("open") ? open : secured;
        return new Place.Registry(connection, server.hostPort(), repository);
    }

    @Test
    void aPullIntoALayoutReportsEveryBlobAndEndsDoneWithItsDigest() throws Exception {
        JobService jobs = service(JobHistory.inMemory());
        Path layout = temp.resolve("layout");
        Job job = new CopyJobs(jobs, places(), new ImageCopier(temp)).submit(new CopyRequest(JobKind.PULL,
                new ImageAt(repository("open", "team/app"), "1.0"), new ImageAt(new Place.Layout(layout), "1.0"), CopyOptions.defaults()));

        JobSnapshot done = awaitFinished(job);

        assertEquals(JobState.DONE, done.state(), () -> done.error().orElse(""));
        assertEquals(Optional.of(Digest.parse(image.digest())), done.outcome().flatMap(JobOutcome::digest));
        assertEquals(image.blobs().size(), done.progress().layers().size(), "one bar per blob");
        assertTrue(done.progress().layers().stream().allMatch(l -> l.fraction() == 1.0), "every bar full: " + done.progress().layers());
        assertEquals(image.totalSize(), done.progress().bytesTotal());
        assertEquals(done.progress().bytesTotal(), done.progress().bytesDone());
        try (OciLayout copied = OciLayout.open(layout)) {
            assertEquals(Digest.parse(image.digest()), copied.resolve("1.0").digest());
        }
        JobSummary summary = jobs.history().getLast();
        assertEquals("Pull " + open.hostPort() + "/team/app:1.0", summary.what().title());
        assertEquals(layout + ":1.0", summary.what().to());
        assertEquals(Optional.of(image.digest()), summary.digest());
    }

    @Test
    void noMoreThanThreeRunAtOnceAndTheRestWaitInOrder() throws Exception {
        JobService jobs = service(JobHistory.inMemory());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Job> submitted = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            submitted.add(jobs.submit(new JobDescription(JobKind.COPY, "job " + i, "a", "b"), (cancel, progress) -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                release.await(10, TimeUnit.SECONDS);
                running.decrementAndGet();
                return new JobOutcome(Optional.empty(), 0, "");
            }));
        }
        waitUntil(() -> submitted.stream().filter(j -> j.state() == JobState.RUNNING).count() == 3);
        Thread.sleep(100);
        assertEquals(3, submitted.stream().filter(j -> j.state() == JobState.RUNNING).count());
        assertEquals(List.of(JobState.QUEUED, JobState.QUEUED, JobState.QUEUED), submitted.subList(3, 6).stream().map(Job::state).toList());
        release.countDown();
        for (Job job : submitted) assertEquals(JobState.DONE, awaitFinished(job).state());
        assertEquals(3, most.get());
    }

    @Test
    void aWaitingJobIsCancelledAtOnceAndARunningOneStopsAsCancelledNotFailed() throws Exception {
        JobService jobs = service(JobHistory.inMemory());
        CountDownLatch started = new CountDownLatch(3);
        JobWork untilCancelled = (cancel, progress) -> {
            started.countDown();
            CountDownLatch stopped = new CountDownLatch(1);
            try (var hook = cancel.onCancel(stopped::countDown)) {
                stopped.await(10, TimeUnit.SECONDS);
            }
            throw new IOException("stream closed"); // what an aborted call throws
        };
        List<Job> busy = List.of(jobs.submit(description("a"), untilCancelled), jobs.submit(description("b"), untilCancelled),
                jobs.submit(description("c"), untilCancelled));
        Job waiting = jobs.submit(description("d"), untilCancelled);
        assertTrue(started.await(10, TimeUnit.SECONDS));

        jobs.cancel(waiting);
        assertEquals(JobState.CANCELLED, waiting.state());
        jobs.cancel(busy.get(0));
        assertEquals(JobState.CANCELLED, awaitFinished(busy.get(0)).state());
        assertEquals(Optional.empty(), busy.get(0).snapshot().error(), "a cancel is not an error");
        busy.subList(1, 3).forEach(jobs::cancel);
        Thread.sleep(100);
        assertEquals(JobState.CANCELLED, waiting.state(), "a cancelled waiting job never starts");
    }

    @Test
    void aRetryIsANewAttemptThatSkipsTheBlobsTheFailedOneCopied() throws Exception {
        JobService jobs = service(JobHistory.inMemory());
        AtomicInteger attempts = new AtomicInteger();
        Places failingFirst = new Places() {
            @Override
            public ImageSource source(Place place, CancelSignal cancel) throws IOException {
                return places().source(place, cancel);
            }

            @Override
            public ImageDestination destination(Place place, CancelSignal cancel) throws IOException {
                ImageDestination real = places().destination(place, cancel);
                return attempts.incrementAndGet() == 1 ? new FailsAtTheTag(real) : real;
            }
        };
        List<CopyRequest> landed = new java.util.concurrent.CopyOnWriteArrayList<>();
        CopyRequest request = new CopyRequest(JobKind.COPY,
                new ImageAt(repository("open", "team/app"), "1.0"), new ImageAt(repository("secured", "copied/app"), "2.0"),
                CopyOptions.defaults());
        Job job = new CopyJobs(jobs, failingFirst, new ImageCopier(temp), landed::add).submit(request);

        JobSnapshot failed = awaitFinished(job);
        assertEquals(JobState.FAILED, failed.state());
        assertEquals(List.of(), landed, "a failed copy landed nothing");
        assertTrue(failed.error().orElseThrow().contains("No space left"), failed.error().toString());

        assertTrue(jobs.retry(job));
        JobSnapshot retried = awaitFinished(job);
        assertEquals(JobState.DONE, retried.state(), () -> retried.error().orElse(""));
        assertEquals(2, retried.attempt());
        assertEquals(List.of(request), landed, "the retry landed: whoever shows the destination hears of it");
        assertTrue(retried.progress().layers().stream().allMatch(l -> l.state() == LayerProgress.State.ALREADY_THERE),
                "the second attempt finds every blob there: " + retried.progress().layers());
        assertEquals(0, retried.outcome().orElseThrow().bytes());
        assertFalse(jobs.retry(job), "a job that is done is not retried");
    }

    @Test
    void finishedJobsAreRememberedAcrossRestartsWithoutThePassword() throws Exception {
        Path file = temp.resolve("data/berth/jobs.json");
        JobService first = service(JobHistory.in(file));
        CopyJobs copies = new CopyJobs(first, places(), new ImageCopier(temp));
        JobSnapshot pulled = awaitFinished(copies.submit(new CopyRequest(JobKind.EXPORT, new ImageAt(repository("secured", "team/app"), "1.0"),
                new ImageAt(new Place.OciArchiveFile(temp.resolve("app.tar")), "1.0"), CopyOptions.defaults())));
        JobSnapshot missing = awaitFinished(copies.submit(new CopyRequest(JobKind.PULL, new ImageAt(repository("secured", "team/app"), "9.9"),
                new ImageAt(new Place.Layout(temp.resolve("layout")), "9.9"), CopyOptions.defaults())));
        assertEquals(JobState.DONE, pulled.state(), () -> pulled.error().orElse(""));
        assertEquals(JobState.FAILED, missing.state());
        first.close();

        List<JobSummary> remembered = JobHistory.in(file).summaries();
        assertEquals(List.of(JobState.DONE, JobState.FAILED), remembered.stream().map(JobSummary::state).toList());
        assertEquals(secured.hostPort() + "/team/app:1.0", remembered.get(0).what().from());
        assertEquals(Optional.of(image.digest()), remembered.get(0).digest());
        assertEquals(missing.error(), remembered.get(1).error());
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(written.contains(PASSWORD), "the password is not in the history");
        assertFalse(written.contains(java.util.Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8))),
                "nor its Basic form");
    }

    @Test
    void theHistoryKeepsTheLastHundred() throws Exception {
        Path file = temp.resolve("jobs.json");
        JobHistory history = JobHistory.in(file);
        for (int i = 0; i < JobHistory.KEPT + 5; i++) {
            history.add(new JobSummary(new JobDescription(JobKind.COPY, "job " + i, "a", "b"), JobState.DONE, Optional.empty(), i,
                    Duration.ofSeconds(1), Optional.empty(), java.time.Instant.EPOCH));
        }
        List<JobSummary> reread = JobHistory.in(file).summaries();
        assertEquals(JobHistory.KEPT, reread.size());
        assertEquals("job 5", reread.getFirst().what().title());
        assertEquals("job 104", reread.getLast().what().title());
    }

    @Test
    void aDamagedHistoryIsSetAsideAndStartsAfresh() throws Exception {
        Path file = temp.resolve("jobs.json");
        Files.writeString(file, "{\"format\":1,\"jobs\":[{\"kind\":");
        JobHistory history = JobHistory.in(file);
        assertEquals(List.of(), history.summaries());
        assertTrue(Files.exists(temp.resolve("jobs.json.damaged")));
    }

    private static JobDescription description(String title) {
        return new JobDescription(JobKind.COPY, title, "a", "b");
    }

    static JobSnapshot awaitFinished(Job job) throws InterruptedException {
        waitUntil(() -> job.state().finished());
        return job.snapshot();
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            Thread.sleep(10);
        }
    }

    /** A destination whose disk fills up when the tag is written, after every blob went in. */
    private record FailsAtTheTag(ImageDestination real) implements ImageDestination {
        @Override
        public void putBlob(Descriptor blob, BlobContent content) throws IOException {
            real.putBlob(blob, content);
        }

        @Override
        public void putManifest(Manifest manifest) throws IOException {
            real.putManifest(manifest);
        }

        @Override
        public void putImage(Manifest manifest, Optional<String> tag) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void commit() throws IOException {
            real.commit();
        }

        @Override
        public String description() {
            return real.description();
        }

        @Override
        public OptionalLong blobSize(Digest digest) throws IOException {
            return real.blobSize(digest);
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }
}
