package dev.berth.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.work.Progress;
import dev.berth.browse.CatalogLoader;
import dev.berth.browse.CatalogResult;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.SummaryCache;
import dev.berth.cleanup.ApplyResult;
import dev.berth.cleanup.CleanupExecutor;
import dev.berth.cleanup.CleanupPlan;
import dev.berth.cleanup.CleanupPlanner;
import dev.berth.cleanup.Journal;
import dev.berth.cleanup.JournalEntry;
import dev.berth.cleanup.JournalOperation;
import dev.berth.cleanup.JournalRestorer;
import dev.berth.cleanup.RestoreResult;
import dev.berth.cleanup.RetentionRules;
import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.testing.AnswerDroppingProxy;
import dev.berth.testing.RegistryKillSwitch;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registry process killed (SIGKILL) and restarted in the middle of a catalog load, a repository
 * scan and a cleanup apply, at a fixed request so every run fails at the same point. Each operation
 * ends with an error naming the registry and what to do, or carries on; the journal holds every
 * deletion that reached the registry, written before its DELETE; nothing is deleted twice; undo puts
 * back exactly what went.
 */
class RegistryRestartTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    @TempDir
    Path work;

    // ------------------------------------------------------------------------------------------------ catalog

    @ParameterizedTest(name = "killed before catalog page {0}")
    @ValueSource(ints = {1, 2})
    void catalogLoadEndsWithAnErrorNamingTheRegistryAndListsEverythingOnceItIsBack(int page) throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            List<String> repositories = seedRepositories(registry, 10);
            RegistryKillSwitch kill = RegistryKillSwitch.killAt(registry, "GET", "/v2/_catalog", page);
            CatalogLoader loader = new CatalogLoader(client(registry, kill), CatalogLoader.Options.defaults().withPageSize(4).withConcurrency(2));

            RegistryException error;
            if (page == 1) {
                error = assertThrows(RegistryException.class, () -> loader.load(Progress.none(), CancelSignal.none()));
            } else {
                CatalogResult.Listed partial = (CatalogResult.Listed) loader.load(Progress.none(), CancelSignal.none());
                assertFalse(partial.isComplete(), "a catalog cut short must not pass for the whole registry");
                assertEquals(repositories.subList(0, 4), partial.repositories(), "the first page, and nothing made up");
                error = partial.truncatedBy().orElseThrow();
            }
            assertTrue(kill.fired());
            assertNamesRegistryAndWhatToDo(error, registry);

            registry.start();
            CatalogResult.Listed again = (CatalogResult.Listed) loader.load(Progress.none(), CancelSignal.none());
            assertTrue(again.isComplete(), again.toString());
            assertEquals(repositories, again.repositories());
            assertEquals(Map.of(), again.failures());
            repositories.forEach(r -> assertEquals(1, again.tagCount(r).orElseThrow(), r));
        }
    }

    @Test
    void catalogLoadCarriesOnWhenTheRegistryRestartsBetweenPages() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            List<String> repositories = seedRepositories(registry, 10);
            RegistryKillSwitch restart = RegistryKillSwitch.killAt(registry, "GET", "/v2/_catalog", 2).thenRestart();
            // Names only: one request at a time, so the restart falls between two requests and nothing else.
            CatalogLoader loader = new CatalogLoader(client(registry, restart),
                    CatalogLoader.Options.defaults().withPageSize(4).withCountTags(false));

            CatalogResult.Listed listed = (CatalogResult.Listed) loader.load(Progress.none(), CancelSignal.none());

            assertTrue(restart.fired());
            assertTrue(listed.isComplete(), listed.toString());
            assertEquals(repositories, listed.repositories());
        }
    }

    // ------------------------------------------------------------------------------------------------ scan

    @Test
    void scanEndsWithAnErrorNamingTheRegistryAndLeavesNothingWrongInTheCache() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            seedApp(RegistrySeeder.of(registry));
            RepositorySnapshot expected = new RepositoryScanner(SummaryCache.none()).scan(client(registry, null), "team/app", Progress.none());

            SummaryCache cache = SummaryCache.inMemory();
            RegistryKillSwitch kill = RegistryKillSwitch.killAt(registry, "GET", "/manifests/", 3);
            RepositoryScanner scanner = new RepositoryScanner(cache, 4, RepositoryScanner.DEFAULT_BATCH_INTERVAL);
            RegistryClient client = client(registry, kill);
            RegistryException error = assertThrows(RegistryException.class, () -> scanner.scan(client, "team/app", Progress.none()));
            assertTrue(kill.fired());
            assertNamesRegistryAndWhatToDo(error, registry);

            registry.start();
            // The same cache: whatever the cut-short scan kept must be true.
            assertEquals(expected, scanner.scan(client, "team/app", Progress.none()));
        }
    }

    @Test
    void scanCarriesOnWhenTheRegistryRestartsBetweenRequests() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            seedApp(RegistrySeeder.of(registry));
            RepositorySnapshot expected = new RepositoryScanner(SummaryCache.none()).scan(client(registry, null), "team/app", Progress.none());
            RegistryKillSwitch restart = RegistryKillSwitch.killAt(registry, "HEAD", "/manifests/", 4).thenRestart();
            RepositoryScanner oneAtATime = new RepositoryScanner(SummaryCache.inMemory(), 1, RepositoryScanner.DEFAULT_BATCH_INTERVAL);

            RepositorySnapshot snapshot = oneAtATime.scan(client(registry, restart), "team/app", Progress.none());

            assertTrue(restart.fired());
            assertEquals(expected, snapshot);
        }
    }

    // ------------------------------------------------------------------------------------------------ apply

    @ParameterizedTest(name = "killed before DELETE {0}")
    @ValueSource(ints = {1, 4})
    void applyStopsWithAnErrorJournalsEveryDeletionFirstResumesWithoutDeletingTwiceAndUndoRestoresExactly(int nthDelete)
            throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            Set<String> pushed = seedApp(seeder);
            Map<String, String> tagsBefore = tagMap(seeder, client(registry, null));
            Path journalDir = work.resolve("journal");
            List<String> notJournaledFirst = new ArrayList<>();
            RegistryKillSwitch kill = RegistryKillSwitch.killAt(registry, "DELETE", "/manifests/", nthDelete).beforeEach(request -> {
                if (request.method().equals("DELETE") && !journaled(journalDir, digestOf(request.url().encodedPath()))) {
                    notJournaledFirst.add(request.url().encodedPath());
                }
            });
            RegistryClient client = client(registry, kill);
            CleanupPlan plan = CleanupPlanner.plan(new RepositoryScanner(SummaryCache.none()).scan(client, "team/app", Progress.none()),
                    RetentionRules.keepLast(2), NOW);
            assertEquals(11, plan.deletions().size(), "6 old images, the old index, its 2 platforms and their attestations");
            Journal journal = new Journal(journalDir);

            ApplyResult cut = new CleanupExecutor(client, journal, 3).apply(plan, Progress.none(), CancelSignal.none());

            assertTrue(kill.fired());
            assertFalse(cut.complete(), cut.toString());
            String stop = cut.stopReason().orElseThrow();
            assertTrue(stop.contains(registry.hostPort()) && stop.contains("journal") && stop.contains("undone"), stop);
            assertEquals(List.of(), notJournaledFirst, "every DELETE is preceded by its journal entry");
            JournalOperation first = journal.find(cut.journalId()).orElseThrow();
            assertEquals(entryFiles(journalDir, cut.journalId()), first.entries().size(), "every entry file reads back whole");

            registry.start();
            Set<String> goneAfterCut = gone(seeder, pushed);
            assertFalse(goneAfterCut.isEmpty() && nthDelete > 1, "deletions before the kill went through");
            Set<String> journaledForUndo = first.entries().stream().filter(JournalEntry::mayNeedRestore)
                    .map(e -> e.digest().toString()).collect(Collectors.toSet());
            assertTrue(journaledForUndo.containsAll(goneAfterCut), "every manifest gone is journaled for undo: gone " + goneAfterCut
                    + ", journaled " + journaledForUndo);
            first.entries().stream().filter(e -> e.state() == JournalEntry.State.DELETED)
                    .forEach(e -> assertTrue(goneAfterCut.contains(e.digest().toString()), "journaled as deleted but still there: " + e));

            // Resume: the same plan again finishes the job, and sends no second DELETE for anything.
            ApplyResult resumed = new CleanupExecutor(client, journal, 3).apply(plan, Progress.none(), CancelSignal.none());
            assertTrue(resumed.complete(), resumed.toString());
            List<String> deleted = kill.answered("DELETE", 202);
            assertEquals(new HashSet<>(deleted).size(), deleted.size(), "a manifest was deleted twice: " + kill.attempts());
            assertEquals(List.of(), kill.answered("DELETE", 404), "a DELETE sent for what was gone already: " + kill.attempts());
            Set<String> planned = plan.deletions().stream().map(d -> d.digest().toString()).collect(Collectors.toSet());
            assertEquals(planned, gone(seeder, pushed));

            // Undo both, newest first: exactly the registry of before.
            for (String id : List.of(resumed.journalId(), cut.journalId())) {
                RestoreResult undo = new JournalRestorer(client, journal).restore(journal.find(id).orElseThrow(), Progress.none(),
                        CancelSignal.none());
                assertTrue(undo.complete(), undo.toString());
            }
            assertEquals(Set.of(), gone(seeder, pushed));
            assertEquals(tagsBefore, tagMap(seeder, client));
        }
    }

    @Test
    void aDeleteWhoseAnswerIsLostIsNotSentAgainAndUndoStillRestoresIt() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start();
                AnswerDroppingProxy proxy = AnswerDroppingProxy.dropAnswerToDelete(registry, 2)) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            Set<String> pushed = seedApp(seeder);
            RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(proxy.hostPort()).withPlainHttp(true, false));
            Map<String, String> tagsBefore = tagMap(seeder, client);
            CleanupPlan plan = CleanupPlanner.plan(new RepositoryScanner(SummaryCache.none()).scan(client, "team/app", Progress.none()),
                    RetentionRules.keepLast(2), NOW);
            Journal journal = new Journal(work.resolve("journal"));

            ApplyResult applied = new CleanupExecutor(client, journal, 1).apply(plan, Progress.none(), CancelSignal.none());

            List<String> deletes = proxy.requestLines().stream().filter(l -> l.startsWith("DELETE ")).toList();
            assertEquals(new HashSet<>(deletes).size(), deletes.size(), "a DELETE was sent again after its answer was lost: " + deletes);
            assertFalse(applied.complete(), "the run stops at a broken connection: " + applied);
            JournalOperation operation = journal.find(applied.journalId()).orElseThrow();
            Set<String> journaledForUndo = operation.entries().stream().filter(JournalEntry::mayNeedRestore)
                    .map(e -> e.digest().toString()).collect(Collectors.toSet());
            Set<String> gone = gone(seeder, pushed);
            assertEquals(2, gone.size(), "the first delete and the one whose answer was lost: " + gone);
            assertTrue(journaledForUndo.containsAll(gone), "gone " + gone + ", journaled for undo " + journaledForUndo);

            RestoreResult undo = new JournalRestorer(client, journal).restore(operation, Progress.none(), CancelSignal.none());
            assertTrue(undo.complete(), undo.toString());
            assertEquals(Set.of(), gone(seeder, pushed));
            assertEquals(tagsBefore, tagMap(seeder, client));
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    private static RegistryClient client(RegistryServer registry, RegistryKillSwitch kill) throws RegistryException {
        RegistryClients clients = new RegistryClients();
        ConnectionSettings settings = ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false);
        return kill == null ? clients.connect(settings) : clients.connect(settings, kill.installOn(clients.sharedHttpClient().newBuilder()));
    }

    private static void assertNamesRegistryAndWhatToDo(RegistryException error, RegistryServer registry) {
        assertTrue(error instanceof RegistryException.TransportFailure, error.toString());
        String message = error.getMessage();
        assertTrue(message.contains(registry.hostPort()), "names the registry: " + message);
        assertTrue(message.contains("Is the registry running"), "says what to check: " + message);
    }

    private static List<String> seedRepositories(RegistryServer registry, int count) {
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        TestImages.Image image = TestImages.ociImage(1, 64);
        List<String> names = IntStream.range(0, count).mapToObj(i -> String.format("team/r%02d", i)).toList();
        names.forEach(name -> seeder.pushImage(name, "v1", image));
        return names;
    }

    /**
     * team/app: v1…v8 a week apart (v3 also tagged old-3), and an index (two platforms with their
     * attestations) older than all. Returns every manifest digest pushed.
     */
    private static Set<String> seedApp(RegistrySeeder seeder) {
        Set<String> digests = new HashSet<>();
        TestImages.Content base = TestImages.layer(900, 2_000);
        for (int i = 1; i <= 8; i++) {
            TestImages.Image image = TestImages.image().seed(i).layers(List.of(base, TestImages.layer(i * 10L, 500 + i)))
                    .created(NOW.minusSeconds((9 - i) * 7 * 86_400L)).build();
            seeder.pushImage("team/app", "v" + i, image);
            if (i == 3) seeder.tag("team/app", "old-3", image.manifest().bytes(), image.mediaType());
            digests.add(image.digest());
        }
        TestImages.Index multi = seeder.pushIndex("team/app", "multi-old", TestImages.multiArch(50, 300));
        digests.add(multi.digest());
        multi.children().forEach(c -> digests.add(c.digest()));
        return digests;
    }

    private static Set<String> gone(RegistrySeeder seeder, Set<String> digests) {
        return digests.stream().filter(d -> seeder.getManifest("team/app", d) == null).collect(Collectors.toSet());
    }

    /** tag → digest, as the registry says now. */
    private static Map<String, String> tagMap(RegistrySeeder seeder, RegistryClient client) throws RegistryException {
        Map<String, String> map = new TreeMap<>();
        for (String tag : client.tags("team/app")) map.put(tag, client.headManifest("team/app", tag).digest().toString());
        return map;
    }

    private static String digestOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether an entry file for {@code digest} is on disk, complete (it names the digest and holds the manifest). */
    private static boolean journaled(Path journalDir, String digest) {
        // Names only (no stat while walking): the executor is writing temporary files beside the entries meanwhile.
        try (Stream<Path> operations = Files.list(journalDir)) {
            return operations.filter(Files::isDirectory).anyMatch(operation -> journaledIn(operation, digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean journaledIn(Path operation, String digest) {
        try (Stream<Path> files = Files.list(operation)) {
            return files.filter(f -> f.getFileName().toString().matches("entry-\\d{5}\\.json")).anyMatch(f -> {
                try {
                    String json = Files.readString(f);
                    return json.contains("\"digest\":\"" + digest + "\"") && json.contains("\"manifest\":\"");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long entryFiles(Path journalDir, String id) throws IOException {
        try (Stream<Path> files = Files.list(journalDir.resolve(id))) {
            return files.filter(f -> f.getFileName().toString().matches("entry-\\d{5}\\.json")).count();
        }
    }
}
