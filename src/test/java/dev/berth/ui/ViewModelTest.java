package dev.berth.ui;

import dev.berth.ui.browser.Selection;
import dev.berth.work.CancelSignal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.SummaryCache;
import dev.berth.connection.AuthMode;
import dev.berth.connection.MemorySecretStore;
import dev.berth.registry.Capabilities;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TagDeletingProxy;
import dev.berth.testing.TestImages;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.LoadState;
import dev.berth.ui.browser.Navigation;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.RepositoryViewModel;
import dev.berth.ui.browser.TagRow;
import dev.berth.ui.common.SyncUiExecutor;
import dev.berth.ui.common.UserMessage;
import dev.berth.connection.ConnectionDraft;
import dev.berth.connection.ConnectionId;
import dev.berth.connection.ConnectionService;
import dev.berth.cleanup.AgeHistogram;
import dev.berth.cleanup.Journal;
import dev.berth.testing.Lies;
import dev.berth.testing.RegistryProxy;
import dev.berth.ui.cleanup.CleanupViewModel;
import dev.berth.ui.cleanup.RuleForm;
import dev.berth.ui.details.TagDetailsViewModel;
import dev.berth.work.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every ViewModel with the synchronous executor against real registries: no FX toolkit, no waiting. */
class ViewModelTest {

    @TempDir
    static Path work;

    private static RegistryServer registry;
    private static RegistryServer secured;
    private static TestImages.Image current;
    private static TestImages.Index multi;

    private final SyncUiExecutor executor = new SyncUiExecutor();
    private final List<UserMessage> told = new ArrayList<>();

    @BeforeAll
    static void seed() {
        registry = RegistryServer.builder(work).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        seeder.pushImage("team/app", "1.0.0", TestImages.image().seed(1).layerSizes(2000, 500).created(Instant.parse("2024-01-01T00:00:00Z")).build());
        current = seeder.pushImage("team/app", "2.0.0", TestImages.image().seed(2).layerSizes(3000, 700, 100)
                .created(Instant.parse("2025-01-01T00:00:00Z")).build());
        seeder.tag("team/app", "latest", current.manifest().bytes(), current.mediaType());
        multi = seeder.pushIndex("team/multi", "v1", TestImages.multiArch(3, 1000, 2000));
        seeder.pushImage("solo", "v1", 5, 100);
        secured = RegistryServer.builder(work).htpasswd("alice", "s3cret").start();
        RegistrySeeder.of(secured).withAuthorization(RegistrySeeder.basic("alice", "s3cret")).pushImage("private/app", "v1", 9, 100);
    }

    @AfterAll
    static void stop() {
        registry.close();
        secured.close();
    }

    private BrowserViewModel browser() {
        return new BrowserViewModel(executor, told::add, dev.berth.browse.CatalogLoader.Options.defaults());
    }

    private static RegistryClient client(RegistryServer server) throws Exception {
        return new RegistryClients().connect(ConnectionSettings.of(server.hostPort()).withPlainHttp(true, false));
    }

    @Test
    void browserLoadsCapabilitiesCatalogAndTagCounts() throws Exception {
        BrowserViewModel browser = browser();
        RegistryNode node = browser.addRegistry("a", "local", registry.hostPort(), client(registry));

        assertEquals(LoadState.LOADED, node.stateProperty().get());
        assertEquals(Capabilities.Ability.UNKNOWN, node.capabilitiesProperty().get().deletes(), "browsing does not try deletes");
        assertEquals(List.of("solo", "team/app", "team/multi"), node.repositories().stream().map(RepositoryNode::name).toList());
        assertEquals(3, node.repository("team/app").orElseThrow().tagCountProperty().get());
        assertEquals("3 tags", node.repository("team/app").orElseThrow().tagCountLabel());
        assertFalse(node.catalogRefusedProperty().get());
        assertTrue(told.isEmpty(), told.toString());
    }

    @Test
    void onlyTheUsersOwnThemeChoiceIsRememberedAndItSurvivesARestart() throws Exception {
        MainViewModel main = main(TestConnections.inMemory(work.resolve("theme-config")), new ScriptedDialogs());
        main.themeProperty().set(MainViewModel.Theme.DARK); // the desktop's preference: followed, not a choice
        assertNull(main.chosenThemeProperty().get());
        main.toggleTheme();
        assertEquals(MainViewModel.Theme.LIGHT, main.chosenThemeProperty().get());

        dev.berth.ui.app.ThemeChoiceFile file = new dev.berth.ui.app.ThemeChoiceFile(work.resolve("theme-config").resolve("theme"));
        assertEquals(java.util.Optional.empty(), file.load());
        file.save(main.chosenThemeProperty().get());
        assertEquals(java.util.Optional.of(MainViewModel.Theme.LIGHT), file.load());
        java.nio.file.Files.writeString(file.path(), "sepia");
        assertEquals(java.util.Optional.empty(), file.load(), "an unknown word is ignored: the desktop's theme is followed");
    }

    @Test
    void browserFiltersNavigatesAndValidatesNames() throws Exception {
        BrowserViewModel browser = browser();
        RegistryNode node = browser.addRegistry("a", "local", registry.hostPort(), client(registry));

        browser.filterProperty().set("MULTI");
        assertEquals(List.of("team/multi"), browser.visibleRepositories(node).stream().map(RepositoryNode::name).toList());

        Navigation found = browser.navigateTo(registry.hostPort() + "/team/app:2.0.0");
        assertInstanceOf(Navigation.Found.class, found);
        assertEquals(Selection.of(node.repository("team/app").orElseThrow(), "2.0.0"), browser.selectionProperty().get());
        assertInstanceOf(Navigation.NeedsConnection.class, browser.navigateTo("ghcr.io/acme/api:1.2"));
        assertInstanceOf(Navigation.Invalid.class, browser.navigateTo("Not A Reference"));

        assertTrue(browser.addRepository(node, "Bad Name").isPresent());
        assertEquals(Optional.empty(), browser.addRepository(node, "extra/repo"));
        assertTrue(node.repository("extra/repo").isPresent());
    }

    @Test
    void authProblemIsShownOnTheNodeAndOffersTheCredentialFix() throws Exception {
        BrowserViewModel browser = browser();
        RegistryNode node = browser.addRegistry("s", "secured", secured.hostPort(), client(secured));

        assertEquals(LoadState.FAILED, node.stateProperty().get());
        assertTrue(node.problemProperty().get().offersCredentialFix());
        assertEquals(1, told.size(), "and a notification");
    }

    @Test
    void repositoryViewModelFillsRowsWithSizesDatesAndSharedTags() throws Exception {
        RepositoryViewModel repository = opened("team/app");

        assertFalse(repository.loadingProperty().get());
        assertEquals(3, repository.rows().size());
        TagRow latest = repository.rows().stream().filter(r -> r.tag().equals("latest")).findFirst().orElseThrow();
        assertEquals(current.totalSize(), latest.sizeProperty().get());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), latest.createdProperty().get());
        assertEquals("2.0.0", latest.alsoTaggedAsProperty().get());
        assertEquals("linux/amd64", latest.platformsProperty().get());
        assertTrue(repository.statusProperty().get().startsWith("3 tags · 2 images"), repository.statusProperty().get());
        repository.filterProperty().set("2.0");
        assertEquals(List.of("2.0.0", "latest"), repository.visibleRows().stream().map(TagRow::tag).sorted().toList(),
                "latest matches through its other tag");
    }

    @Test
    void aRepositoryWithOneTagSaysOneTagNotOneTags() throws Exception {
        RepositoryViewModel repository = opened("solo");

        assertTrue(repository.statusProperty().get().startsWith("1 tag · 1 image · "), repository.statusProperty().get());
    }

    /** {@code name} of the plain registry, opened in a fresh repository view model. */
    private RepositoryViewModel opened(String name) throws Exception {
        RegistryNode node = browser().addRegistry("a", "local", registry.hostPort(), client(registry));
        RepositoryViewModel repository = new RepositoryViewModel(executor, told::add, new RepositoryScanner(SummaryCache.inMemory()));
        repository.open(node.repository(name).orElseThrow());
        return repository;
    }

    @Test
    void aBatchStillQueuedFromThePreviousRepositoryIsDroppedWhenAnotherOneOpens() throws Exception {
        BrowserViewModel browser = browser();
        RegistryNode node = browser.addRegistry("a", "local", registry.hostPort(), client(registry));
        QueueingExecutor queueing = new QueueingExecutor();
        RepositoryViewModel repository = new RepositoryViewModel(queueing, told::add, new RepositoryScanner(SummaryCache.inMemory()));

        repository.open(node.repository("team/app").orElseThrow()); // its batches wait in the FX queue...
        repository.open(node.repository("solo").orElseThrow());     // ...when the user opens another repository
        queueing.flush();

        assertEquals(List.of("v1"), repository.rows().stream().map(TagRow::tag).toList());
    }

    /** Runs work at once but queues everything meant for the FX thread, as a busy FX thread would. */
    private static final class QueueingExecutor implements dev.berth.ui.common.UiExecutor {
        private final java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();

        @Override
        public <T> dev.berth.ui.common.UiTask submit(String description, dev.berth.ui.common.BackgroundWork<T> work,
                java.util.function.Consumer<? super T> onSuccess, java.util.function.Consumer<? super Throwable> onFailure) {
            dev.berth.work.CancelSignal signal = new dev.berth.work.CancelSignal();
            try {
                T result = work.run(signal, Progress.none());
                queue.add(() -> {
                    if (!signal.isCancelled()) onSuccess.accept(result);
                });
            } catch (Exception e) {
                queue.add(() -> {
                    if (!signal.isCancelled()) onFailure.accept(e);
                });
            }
            return new dev.berth.ui.common.UiTask(description, signal);
        }

        @Override
        public void onUiThread(Runnable action) {
            queue.add(action);
        }

        void flush() {
            while (!queue.isEmpty()) queue.poll().run();
        }
    }

    @Test
    void detailsViewModelShowsLayersSharedPlatformsAndCopyTexts() throws Exception {
        BrowserViewModel browser = browser();
        RegistryNode node = browser.addRegistry("a", "local", registry.hostPort(), client(registry));
        RepositoryViewModel repository = new RepositoryViewModel(executor, told::add, new RepositoryScanner(SummaryCache.inMemory()));
        repository.open(node.repository("team/app").orElseThrow());
        TagDetailsViewModel details = new TagDetailsViewModel(executor);

        details.open(node.client(), registry.hostPort(), "team/app", "latest", Optional.of(repository.snapshotProperty().get()));
        assertEquals(3, details.contentProperty().get().layers().size());
        assertEquals(2, details.contentProperty().get().layers().getFirst().sharedByTags());
        assertEquals("docker pull " + registry.hostPort() + "/team/app:latest", details.pullByTagCommand());
        assertEquals(registry.hostPort() + "/team/app@" + current.digest(), details.digestReference());
        assertTrue(details.contentProperty().get().prettyManifest().contains("\n  \"schemaVersion\""));

        details.open(node.client(), registry.hostPort(), "team/multi", "v1", Optional.empty());
        assertEquals(multi.digest(), details.digest());
        assertEquals(2, details.contentProperty().get().details().platforms().size());
        assertEquals(2, details.contentProperty().get().details().attestations().size());

        details.open(node.client(), registry.hostPort(), "team/app", "no-such-tag", Optional.empty());
        assertNull(details.contentProperty().get());
        assertEquals(UserMessage.Kind.NOT_FOUND, details.problemProperty().get().kind());
    }

    @Test
    void detailsOfAnIndexWhoseImagesAreAllMissingSayTheSizeIsUnknownAndNameThem() throws Exception {
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        TestImages.Index orphan = seeder.pushIndex("scratch/orphan", "v1", TestImages.multiArch(11, 1000, 2000));
        orphan.children().forEach(child -> seeder.deleteManifest("scratch/orphan", child.digest()));
        TagDetailsViewModel details = new TagDetailsViewModel(executor);
        details.open(client(registry), registry.hostPort(), "scratch/orphan", "v1", Optional.empty());

        dev.berth.inspect.ImageDetails shown = details.contentProperty().get().details();
        assertTrue(shown.sizeUnknown());
        assertEquals(orphan.children().stream().map(TestImages.Image::digest).toList(),
                shown.missingChildren().stream().map(d -> d.digest().toString()).toList());
        String size = shown.incompleteSize("0 B").orElseThrow();
        assertTrue(size.startsWith("unknown: all 4 images"), size);
    }

    @Test
    void connectionsAreSavedWithoutSecretsAndComeBackAfterARestart() throws Exception {
        Path config = work.resolve("config-restart");
        MemorySecretStore secrets = new MemorySecretStore("test");
        ScriptedDialogs dialogs = new ScriptedDialogs().answerConnection(draft -> new ConnectionDraft("private", secured.hostPort(),
                AuthMode.PASSWORD, "alice", "s3cret", Optional.empty(), Optional.empty(), Optional.empty(), false, false));
        MainViewModel first = main(TestConnections.with(config, secrets), dialogs);
        first.addConnection("");
        RegistryNode node = first.browser().registries().getFirst();
        assertEquals(LoadState.LOADED, node.stateProperty().get(), String.valueOf(node.problemProperty().get()));
        assertEquals(1, node.repositories().size());
        String file = Files.readString(config.resolve("connections.json"));
        assertTrue(file.contains("alice") && !file.contains("s3cret"), "the password must never reach the file: " + file);

        MainViewModel second = main(TestConnections.with(config, secrets), new ScriptedDialogs().answerConfirm(true));
        second.start();
        RegistryNode restored = second.browser().registries().getFirst();
        assertEquals("private", restored.displayName());
        assertEquals(LoadState.LOADED, restored.stateProperty().get());
        assertNotNullCapabilities(restored);

        second.removeConnection(restored);
        assertTrue(second.browser().registries().isEmpty());
        assertFalse(Files.readString(config.resolve("connections.json")).contains("alice"));
    }

    @Test
    void testingADraftProbesWithoutSavingAndDuplicatingCopiesTheConnection() throws Exception {
        Path config = work.resolve("config-test");
        MemorySecretStore secrets = new MemorySecretStore("test");
        ConnectionDraft draft = new ConnectionDraft("private", secured.hostPort(), AuthMode.PASSWORD, "alice", "s3cret",
                Optional.empty(), Optional.empty(), Optional.empty(), false, false);
        MainViewModel main = main(TestConnections.with(config, secrets), new ScriptedDialogs().answerConnection(d -> draft));
        List<String> verdicts = new ArrayList<>();

        var tester = new dev.berth.ui.app.ConnectionTestCommand(executor, TestConnections.with(config, secrets));
        tester.test(draft, verdicts::add);
        tester.test(new ConnectionDraft("x", secured.hostPort(), AuthMode.PASSWORD, "alice", "wrong",
                Optional.empty(), Optional.empty(), Optional.empty(), false, false), verdicts::add);
        assertTrue(verdicts.get(0).startsWith("Connected. Sign-in: basic"), verdicts.toString());
        assertTrue(verdicts.get(1).startsWith("Sign-in needed"), verdicts.toString());
        assertFalse(Files.exists(config.resolve("connections.json")), "testing saves nothing");

        main.addConnection("");
        main.duplicateConnection(main.browser().registries().getFirst());
        assertEquals(2, main.browser().registries().size());
        RegistryNode copy = main.browser().registries().get(1);
        assertEquals(LoadState.LOADED, copy.stateProperty().get(), "the copy carries the saved password too");
    }

    @Test
    void whatTheConnectionTestFoundAboutDeletesStaysAfterConnect() throws Exception {
        Path config = work.resolve("config-test-kept");
        ConnectionService connections = TestConnections.inMemory(config);
        ConnectionDraft draft = new ConnectionDraft("local", "http://" + registry.hostPort(), AuthMode.NONE, "", "",
                Optional.empty(), Optional.empty(), Optional.empty(), true, false);
        MainViewModel main = main(connections, new ScriptedDialogs().answerConnection(d -> draft));
        List<String> verdicts = new ArrayList<>();

        new dev.berth.ui.app.ConnectionTestCommand(executor, connections).test(draft, verdicts::add);
        assertTrue(verdicts.getFirst().contains("deletes ✓"), verdicts.toString());
        main.addConnection("");

        RegistryNode node = main.browser().registries().getFirst();
        assertEquals(LoadState.LOADED, node.stateProperty().get());
        assertEquals(Capabilities.Ability.YES, node.capabilitiesProperty().get().deletes(), "the browser's read-only probe cannot tell");
    }

    @Test
    void whatTheConnectionTestFoundStaysAfterEditingTheConnectionWithTheTestedSettings() throws Exception {
        ConnectionService connections = TestConnections.inMemory(work.resolve("config-edit-tested"));
        ConnectionDraft untested = new ConnectionDraft("local", "http://" + registry.hostPort(), AuthMode.NONE, "", "",
                Optional.empty(), Optional.empty(), Optional.empty(), true, false);
        // Edit connection…: the person clicks Test connection, gives the connection a name, then saves: the name changes
        // nothing the registry sees.
        MainViewModel main = main(connections, new ScriptedDialogs().answerConnection(d -> untested).answerConnection(d -> new ConnectionDraft(
                "renamed", d.address(), d.auth(), d.username(), d.password(), d.caFile(), d.clientCertificate(), d.clientKey(), d.plainHttp(),
                d.allowInsecureRemote())));
        main.addConnection("");
        RegistryNode node = main.browser().registries().getFirst();
        assertEquals(Capabilities.Ability.UNKNOWN, node.capabilitiesProperty().get().deletes(), "browsing sends no DELETE");
        ConnectionId id = new ConnectionId(node.id());
        List<String> verdicts = new ArrayList<>();

        new dev.berth.ui.app.ConnectionTestCommand(executor, connections).test(ConnectionDraft.of(connections.find(id).orElseThrow()),
                verdicts::add);
        assertTrue(verdicts.getFirst().contains("deletes ✓"), verdicts.toString());
        main.editConnection(node);

        assertEquals("renamed", node.displayName());
        assertEquals(LoadState.LOADED, node.stateProperty().get());
        assertEquals(Capabilities.Ability.YES, node.capabilitiesProperty().get().deletes(), "the badge keeps what the test found");
        assertEquals(Capabilities.Ability.YES, connections.find(id).orElseThrow().lastProbe().orElseThrow().capabilities().deletes(),
                "and so does the saved connection, for the next start");
    }

    @Test
    void settingsChangedAfterTheConnectionTestDoNotTakeItsFindingsWhenEditing() throws Exception {
        ConnectionService connections = TestConnections.inMemory(work.resolve("config-edit-changed"));
        ConnectionDraft tested = new ConnectionDraft("local", "http://" + registry.hostPort(), AuthMode.NONE, "", "",
                Optional.empty(), Optional.empty(), Optional.empty(), true, false);
        // The same registry under another address: what was tested is not what is saved.
        ConnectionDraft changed = new ConnectionDraft("local", "http://localhost:" + registry.port(), AuthMode.NONE, "", "",
                Optional.empty(), Optional.empty(), Optional.empty(), true, false);
        MainViewModel main = main(connections, new ScriptedDialogs().answerConnection(d -> tested).answerConnection(d -> changed));
        List<String> verdicts = new ArrayList<>();
        new dev.berth.ui.app.ConnectionTestCommand(executor, connections).test(tested, verdicts::add);
        assertTrue(verdicts.getFirst().contains("deletes ✓"), verdicts.toString());
        main.addConnection("");
        RegistryNode node = main.browser().registries().getFirst();
        assertEquals(Capabilities.Ability.YES, node.capabilitiesProperty().get().deletes(), "true of the tested address");

        main.editConnection(node);

        assertEquals(LoadState.LOADED, node.stateProperty().get());
        assertEquals(Capabilities.Ability.UNKNOWN, node.capabilitiesProperty().get().deletes(),
                "neither the test nor the earlier probe was of localhost");
        assertEquals(Capabilities.Ability.UNKNOWN,
                connections.find(new ConnectionId(node.id())).orElseThrow().lastProbe().orElseThrow().capabilities().deletes());
    }

    @Test
    void aFolderConnectionTakesDeletes() throws Exception {
        Path folder = work.resolve("deletes-demo");
        dev.berth.demo.DemoImages.write(folder);
        MainViewModel main = main(TestConnections.inMemory(work.resolve("config-folder-deletes")), new ScriptedDialogs());

        main.openFolder(folder);

        RegistryNode node = main.browser().registries().getFirst();
        assertEquals(Capabilities.Ability.YES, node.capabilitiesProperty().get().deletes());
    }

    @Test
    void aPasswordKeptOnlyInMemoryIsMissingAfterARestartAndSaysSo() throws Exception {
        Path config = work.resolve("config-memory");
        MainViewModel first = main(TestConnections.inMemory(config), new ScriptedDialogs().answerConnection(draft -> new ConnectionDraft(
                "private", secured.hostPort(), AuthMode.PASSWORD, "alice", "s3cret", Optional.empty(), Optional.empty(), Optional.empty(), false, false)));
        first.addConnection("");
        told.clear();

        ConnectionService restarted = TestConnections.inMemory(config);
        MainViewModel second = main(restarted, new ScriptedDialogs());
        second.start();
        RegistryNode restored = second.browser().registries().getFirst();
        assertEquals(LoadState.FAILED, restored.stateProperty().get());
        assertTrue(restored.problemProperty().get().text().toLowerCase().contains("password"), restored.problemProperty().get().text());
        assertTrue(told.isEmpty(), "start-up says nothing about where passwords are kept: " + told);
        assertTrue(restarted.passwordStorageNote().contains("until Berth quits"), "the dialog says it when a password is entered");
    }

    @Test
    void deletingOneTagPreviewsEveryTagOnItsDigestThenDeletesAndUndoes() throws Exception {
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        TestImages.Image shared = seeder.pushImage("scratch/del", "v1", 71, 300);
        seeder.tag("scratch/del", "prod", shared.manifest().bytes(), shared.mediaType());
        seeder.pushImage("scratch/del", "v2", 72, 300);
        ScriptedDialogs dialogs = new ScriptedDialogs().answerConfirm(true);
        MainViewModel main = main(TestConnections.inMemory(work.resolve("config-delete")), dialogs);
        RegistryNode node = main.addConnected("local", registry.hostPort(), client(registry));
        RepositoryNode repository = node.repository("scratch/del").orElseThrow();
        main.browser().select(Selection.of(repository));

        main.deleteTags(List.of("v1"));
        assertEquals(MainViewModel.Pane.CLEANUP, main.paneProperty().get());
        assertEquals(List.of("prod", "v1"), main.cleanup().decisions().stream().filter(dev.berth.cleanup.TagDecision::deleted)
                .map(dev.berth.cleanup.TagDecision::tag).sorted().toList(), "deleting by digest takes prod too, and says so first");
        String note = main.cleanup().untagNoteProperty().get();
        assertTrue(note.contains("its other tags go too: prod"), note);

        main.cleanup().apply();
        assertTrue(dialogs.asked.stream().anyMatch(q -> q.startsWith("confirm: Delete 2 tags")), dialogs.asked.toString());
        assertEquals(List.of("v2"), repository.tags());
        main.cleanup().undo();
        assertEquals(List.of("prod", "v1", "v2"), repository.tags().stream().sorted().toList());
    }

    @Test
    void aFolderCleanupSetsLayersAsideForUndoUntilTheTrashIsEmptied() throws Exception {
        Path folder = work.resolve("trash-demo");
        dev.berth.demo.DemoImages.write(folder);
        ScriptedDialogs dialogs = new ScriptedDialogs().answerConfirm(true).answerConfirm(true); // apply, then empty the trash
        MainViewModel main = main(TestConnections.inMemory(work.resolve("config-trash")), dialogs);
        main.openFolder(folder);
        RegistryNode node = main.browser().registries().getFirst();
        RepositoryNode api = node.repository("team/api").orElseThrow();
        main.browser().select(Selection.of(api));

        main.deleteTags(List.of("pr-101"));
        assertTrue(main.cleanup().summaryProperty().get().contains("Empty trash gives the space back"), main.cleanup().summaryProperty().get());
        // A folder has no garbage collection: every word about when the space comes back speaks of its trash.
        for (String words : List.of(main.cleanup().reclaimableNote(), main.cleanup().whenSpaceComesBack())) {
            assertFalse(words.toLowerCase().contains("garbage collection"), words);
            assertTrue(words.contains("trash"), words);
        }
        main.cleanup().apply();
        assertTrue(dialogs.confirmTexts.getFirst().contains("until the folder's trash is emptied"), dialogs.confirmTexts.toString());
        Path trash = folder.resolve("team/api/.berth-trash");
        assertTrue(Files.isDirectory(trash), "the collected layers wait in the layout's trash");
        assertTrue(main.cleanup().canEmptyTrash().get());
        assertTrue(main.cleanup().showsGarbageCollectionAdvice().get());

        main.cleanup().emptyTrash();
        assertTrue(dialogs.asked.stream().anyMatch(q -> q.startsWith("confirm: Empty the trash?")), dialogs.asked.toString());
        try (var left = Files.exists(trash) ? Files.walk(trash) : java.util.stream.Stream.<Path>empty()) {
            assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "emptied for good");
        }
        assertTrue(main.cleanup().resultTextProperty().get().contains("Emptied the trash"), main.cleanup().resultTextProperty().get());
        assertFalse(main.cleanup().canEmptyTrash().get());
    }

    @Test
    void theGarbageCollectionAdviceGoesOnceTheCleanupIsUndone() throws Exception {
        // A registry of its own: the shared one's catalog is asserted exactly elsewhere.
        try (RegistryServer own = RegistryServer.builder(work.resolve("advice-registry")).start()) {
            theAdviceGoesOnceUndone(own);
        }
    }

    private void theAdviceGoesOnceUndone(RegistryServer own) throws Exception {
        RegistrySeeder seeder = RegistrySeeder.of(own);
        seeder.pushImage("scratch/advice", "v1", 81, 300);
        seeder.pushImage("scratch/advice", "v2", 82, 300);
        MainViewModel main = main(TestConnections.inMemory(work.resolve("config-advice")), new ScriptedDialogs().answerConfirm(true));
        RegistryNode node = main.addConnected("local", own.hostPort(), client(own));
        main.browser().select(Selection.of(node.repository("scratch/advice").orElseThrow()));
        main.deleteTags(List.of("v1"));
        main.cleanup().apply();
        assertTrue(main.cleanup().showsGarbageCollectionAdvice().get());
        assertFalse(main.cleanup().canEmptyTrash().get(), "a registry has no trash: its garbage collection runs on the server");
        main.cleanup().undo();
        assertFalse(main.cleanup().showsGarbageCollectionAdvice().get());
    }

    @Test
    void browsingAndACleanupPreviewSendOnlyReads() throws Exception {
        try (RegistryProxy proxy = RegistryProxy.recording(registry)) {
            MainViewModel main = main(TestConnections.inMemory(work.resolve("config-read-only")), new ScriptedDialogs());
            RegistryNode node = main.addConnected("recorded", proxy.hostPort(),
                    new RegistryClients().connect(ConnectionSettings.of(proxy.hostPort()).withPlainHttp(true, false)));
            main.browser().select(Selection.of(node.repository("team/app").orElseThrow()));
            main.openCleanup();
            CleanupViewModel cleanup = main.cleanup();
            cleanup.form().keepLastProperty().set(1);
            cleanup.form().protectProperty().set("");
            cleanup.preview();
            assertTrue(cleanup.decisions().stream().anyMatch(dev.berth.cleanup.TagDecision::deleted), "the preview plans a delete");
            main.openNamespaceCleanup(node, "team/");
            main.cleanup().preview();
            assertTrue(proxy.requests().size() > 5, proxy.requests().toString());
            assertEquals(List.of(), proxy.writes(), "only GET and HEAD on the wire");
        }
    }

    @Test
    void deletingATagWhoseHeadAndGetDigestsDisagreeDeletesAndJournalsNothing() throws Exception {
        TestImages.Image other = RegistrySeeder.of(registry).pushImage("scratch/liar-head", "v2", 82, 300);
        String result = deleteV1WhileTheRegistryLies("scratch/liar-head", Lies.headDigest("scratch/liar-head", "v1", other.digest(),
                Lies.UNTIL_TOLD));
        assertTrue(result.contains("two different answers for scratch/liar-head:v1") && result.contains("HEAD " + other.digest()), result);
    }

    @Test
    void deletingATagTheTagListLeavesOutDeletesAndJournalsNothing() throws Exception {
        RegistrySeeder.of(registry).pushImage("scratch/liar-list", "v2", 84, 300);
        String result = deleteV1WhileTheRegistryLies("scratch/liar-list", Lies.tagListWithout("scratch/liar-list", "v1", Lies.UNTIL_TOLD));
        assertTrue(result.contains("tag list for scratch/liar-list leaves out v1"), result);
    }

    /** The app's Delete… on v1: previewed while the registry is honest, applied once it lies; returns the result text. */
    private String deleteV1WhileTheRegistryLies(String name, Lies.Lie lie) throws Exception {
        TestImages.Image doomed = RegistrySeeder.of(registry).pushImage(name, "v1", name.hashCode(), 300);
        try (RegistryProxy proxy = RegistryProxy.start(registry, lie)) {
            MainViewModel main = main(TestConnections.inMemory(work.resolve("config-" + name.replace('/', '-'))),
                    new ScriptedDialogs().answerConfirm(true));
            RegistryNode node = main.addConnected("liar", proxy.hostPort(),
                    new RegistryClients().connect(ConnectionSettings.of(proxy.hostPort()).withPlainHttp(true, false)));
            main.browser().select(Selection.of(node.repository(name).orElseThrow()));
            main.deleteTags(List.of("v1"));
            assertTrue(main.cleanup().decisions().stream().anyMatch(d -> d.deleted() && d.tag().equals("v1")), "previewed while honest");

            lie.startLying();
            main.cleanup().apply();
            assertEquals(List.of(), proxy.writesBesidesTheDeleteProbe(), "no DELETE reached the registry");
            assertTrue(RegistrySeeder.of(registry).getManifest(name, doomed.digest()) != null);
            List<dev.berth.cleanup.JournalEntry> journaled = new Journal(work.resolve("journal")).list().stream()
                    .filter(o -> o.description().contains(name)).flatMap(o -> o.entries().stream()).toList();
            assertEquals(List.of(), journaled, "nothing journaled");
            return main.cleanup().resultTextProperty().get();
        }
    }

    @Test
    void whereTheCheckFindsThatTagDeletesRemoveOnlyTheTagDeletingOneTagOfASharedImageUntagsIt() throws Exception {
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        TestImages.Image shared = seeder.pushImage("scratch/untag", "v1", 73, 300);
        seeder.tag("scratch/untag", "prod", shared.manifest().bytes(), shared.mediaType());
        TestImages.Image alone = seeder.pushImage("scratch/untag", "v0", 74, 300);
        try (TagDeletingProxy proxy = TagDeletingProxy.start(registry, TagDeletingProxy.Behaviour.REMOVES_TAG_ONLY)) {
            ScriptedDialogs dialogs = new ScriptedDialogs().answerConfirm(true).answerConfirm(true).answerConfirm(true);
            MainViewModel main = main(TestConnections.inMemory(work.resolve("config-untag")), dialogs);
            RegistryNode node = main.addConnected("proxied", proxy.hostPort(),
                    new RegistryClients().connect(ConnectionSettings.of(proxy.hostPort()).withPlainHttp(true, false)));
            assertEquals(Capabilities.TagDeletion.UNKNOWN, node.capabilitiesProperty().get().tagDeletion(), "browsing tries no deletes");
            assertTrue(dev.berth.ui.browser.TagDeletionCheckCommand.worthChecking(node.capabilitiesProperty().get()));
            main.checkTagDeletion(node);
            assertEquals(Capabilities.TagDeletion.REMOVES_TAG_ONLY, node.capabilitiesProperty().get().tagDeletion());

            RepositoryNode repository = node.repository("scratch/untag").orElseThrow();
            main.browser().select(Selection.of(repository));
            main.deleteTags(List.of("v1", "v0"));
            dev.berth.cleanup.CleanupPlan plan = main.cleanup().planProperty().get();
            assertEquals(List.of("v1"), plan.untags().stream().map(dev.berth.cleanup.TagRemoval::tag).toList(), "prod keeps the image");
            assertEquals(List.of(alone.digest()), plan.deletions().stream().map(d -> d.digest().toString()).toList(), "v0 was its only tag");
            assertEquals("", main.cleanup().untagNoteProperty().get());
            assertTrue(main.cleanup().summaryProperty().get().contains("1 tag untagged"), main.cleanup().summaryProperty().get());

            main.cleanup().apply();
            assertTrue(dialogs.asked.stream().anyMatch(q -> q.startsWith("confirm: Delete 2 tags")), dialogs.asked.toString());
            assertTrue(main.cleanup().resultTextProperty().get().startsWith("Deleted 1, untagged 1"), main.cleanup().resultTextProperty().get());
            assertEquals(List.of("prod"), repository.tags());
            assertTrue(main.cleanup().canUndo().get());
            main.cleanup().undo();
            assertEquals(List.of("prod", "v0", "v1"), repository.tags().stream().sorted().toList());
            assertTrue(main.cleanup().resultTextProperty().get().contains("1 tag on images that stayed"),
                    main.cleanup().resultTextProperty().get());
        }
    }

    @Test
    void cleaningUpANamespacePlansEveryRepositoryUnderItThenAppliesAndUndoes() throws Exception {
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        for (String repository : List.of("sweep/one", "sweep/two")) {
            int seed = repository.endsWith("one") ? 80 : 90;
            seeder.pushImage(repository, "old", TestImages.image().seed(seed).layerSizes(400).created(Instant.parse("2024-01-01T00:00:00Z")).build());
            seeder.pushImage(repository, "new", TestImages.image().seed(seed + 1).layerSizes(400).created(Instant.parse("2025-01-01T00:00:00Z")).build());
        }
        ScriptedDialogs dialogs = new ScriptedDialogs().answerConfirm(true);
        MainViewModel main = main(TestConnections.inMemory(work.resolve("config-namespace")), dialogs);
        RegistryNode node = main.addConnected("local", registry.hostPort(), client(registry));
        CleanupViewModel cleanup = main.cleanup();

        main.openNamespaceCleanup(node, "sweep/");
        assertEquals(MainViewModel.Pane.CLEANUP, main.paneProperty().get());
        assertEquals("sweep/", cleanup.targetProperty().get().label());
        cleanup.form().useKeepLastProperty().set(true);
        cleanup.form().keepLastProperty().set(1);
        cleanup.form().protectProperty().set("");
        cleanup.preview();

        assertEquals(List.of("sweep/one", "sweep/two"), cleanup.planProperty().get().repositories().stream()
                .map(dev.berth.cleanup.RepositoryPlan::repository).toList());
        assertEquals(List.of("sweep/one:old", "sweep/two:old"), cleanup.decisions().stream().filter(dev.berth.cleanup.TagDecision::deleted)
                .map(d -> d.repository() + ":" + d.tag()).sorted().toList());
        assertTrue(cleanup.manyRepositoriesProperty().get(), "the preview names each row's repository");
        List<AgeHistogram.Bucket> ages = cleanup.ageBuckets();
        assertEquals(2, ages.stream().mapToInt(AgeHistogram.Bucket::deletedImages).sum(), "each old image, once per repository");
        assertEquals(2, ages.stream().mapToInt(AgeHistogram.Bucket::keptImages).sum());
        assertEquals(cleanup.planProperty().get().deletions().stream().mapToLong(dev.berth.cleanup.ManifestDeletion::size).sum(),
                ages.stream().mapToLong(AgeHistogram.Bucket::deletedBytes).sum());

        cleanup.apply();
        assertTrue(dialogs.asked.stream().anyMatch(q -> q.startsWith("confirm: Delete 2 tags")), dialogs.asked.toString());
        assertEquals(2, cleanup.resultProperty().get().deleted());
        assertEquals(List.of("new"), node.repository("sweep/one").orElseThrow().tags(), "the tree reloads every cleaned repository");
        assertEquals(List.of("new"), node.repository("sweep/two").orElseThrow().tags());
        cleanup.undo();
        assertEquals(List.of("new", "old"), node.repository("sweep/one").orElseThrow().tags().stream().sorted().toList());
        assertEquals(List.of("new", "old"), node.repository("sweep/two").orElseThrow().tags().stream().sorted().toList());
        assertTrue(told.isEmpty(), told.toString());

        main.openNamespaceCleanup(node, "");
        assertEquals("all of local", cleanup.targetProperty().get().label());
        assertTrue(cleanup.ageBuckets().isEmpty(), "no chart of the last target's plan");
        cleanup.preview();
        assertTrue(cleanup.planProperty().get().repositories().stream().map(dev.berth.cleanup.RepositoryPlan::repository).toList()
                .containsAll(List.of("solo", "sweep/one", "team/app", "team/multi")), "the whole connection: every repository");

        main.browser().select(Selection.of(node));
        main.openNamespaceCleanup(node, "sweep/");
        main.closeCleanup();
        assertEquals(MainViewModel.Pane.REGISTRY, main.paneProperty().get(), "back to what the tree shows, not an old tag table");
    }

    @Test
    void deletingATagFromTheTreeOpensItsRepositoryFirstThenPreviewsTheDeletion() throws Exception {
        RegistrySeeder seeder = RegistrySeeder.of(registry);
        seeder.pushImage("scratch/tree", "keep", 61, 300);
        seeder.pushImage("scratch/tree", "drop", 62, 300);
        ScriptedDialogs dialogs = new ScriptedDialogs().answerConfirm(true);
        MainViewModel main = main(TestConnections.inMemory(work.resolve("config-tree-delete")), dialogs);
        RegistryNode node = main.addConnected("local", registry.hostPort(), client(registry));
        RepositoryNode repository = node.repository("scratch/tree").orElseThrow();
        assertNull(main.repository().repositoryProperty().get(), "nothing is open yet");

        main.deleteTag(repository, "drop");

        assertEquals(repository, main.repository().repositoryProperty().get());
        assertEquals(MainViewModel.Pane.CLEANUP, main.paneProperty().get());
        assertEquals(List.of("drop"), main.cleanup().decisions().stream().filter(dev.berth.cleanup.TagDecision::deleted)
                .map(dev.berth.cleanup.TagDecision::tag).toList());
        main.cleanup().apply();
        assertEquals(List.of("keep"), repository.tags());
    }

    @Test
    void aPolicySavedWithTheConnectionFillsTheFormAfterARestart() throws Exception {
        Path config = work.resolve("config-policy");
        MemorySecretStore secrets = new MemorySecretStore("test");
        ScriptedDialogs dialogs = new ScriptedDialogs().answerConnection(draft -> new ConnectionDraft("local", registry.hostPort(),
                AuthMode.NONE, "", "", Optional.empty(), Optional.empty(), Optional.empty(), true, false));
        MainViewModel first = main(TestConnections.with(config, secrets), dialogs);
        first.addConnection("");
        RegistryNode node = first.browser().registries().getFirst();
        first.openNamespaceCleanup(node, "team/");
        CleanupViewModel cleanup = first.cleanup();
        cleanup.form().keepLastProperty().set(7);
        cleanup.form().useOlderThanProperty().set(true);
        cleanup.form().olderThanProperty().set("2w");
        cleanup.form().protectProperty().set("latest|stable");
        cleanup.form().orderProperty().set(dev.berth.cleanup.RetentionRules.Order.VERSION);
        cleanup.policy().save();
        assertTrue(cleanup.policy().statusProperty().get().startsWith("Saved"), cleanup.policy().statusProperty().get());
        assertTrue(Files.readString(config.resolve("connections.json")).contains("\"berthCleanupPolicy\""));

        first.duplicateConnection(node);
        MainViewModel second = main(TestConnections.with(config, secrets), new ScriptedDialogs());
        second.start();
        assertEquals(2, second.browser().registries().size());
        for (RegistryNode restored : second.browser().registries()) {
            second.openNamespaceCleanup(restored, "team/");
            RuleForm form = second.cleanup().form();
            String status = second.cleanup().policy().statusProperty().get();
            assertEquals(7, form.keepLastProperty().get(), "loaded for " + restored.displayName() + ", the copy too");
            assertTrue(form.useOlderThanProperty().get());
            assertEquals("2w", form.olderThanProperty().get());
            assertEquals("latest|stable", form.protectProperty().get());
            assertEquals(dev.berth.cleanup.RetentionRules.Order.VERSION, form.orderProperty().get());
            assertTrue(status.contains("saved policy (team/)"), status);
            form.keepLastProperty().set(3);
            form.useOlderThanProperty().set(false);
        }
        second.openNamespaceCleanup(second.browser().registries().getFirst(), "other/");
        assertEquals("", second.cleanup().policy().statusProperty().get(), "no rules saved for other/: nothing is said to be loaded");
        assertTrue(told.stream().allMatch(m -> m.title().equals("Note")), "only start-up's note on in-memory secrets: " + told);
    }

    @Test
    void aPolicyExportedToAFileImportsBackAndABadFileSaysWhatIsWrong() throws Exception {
        Path file = work.resolve("exported-policy.json");
        ScriptedDialogs dialogs = new ScriptedDialogs().answerFile(file);
        MainViewModel main = main(TestConnections.inMemory(work.resolve("config-export")), dialogs);
        RegistryNode node = main.addConnected("local", registry.hostPort(), client(registry));
        main.browser().select(Selection.of(node.repository("team/app").orElseThrow()));
        main.openCleanup();
        CleanupViewModel cleanup = main.cleanup();
        cleanup.form().keepLastProperty().set(4);
        cleanup.form().includeProperty().set("pr-.*");
        cleanup.form().excludeProperty().set("pr-keep");
        cleanup.form().protectProperty().set("");
        cleanup.policy().export();
        assertEquals("team/app", dev.berth.cleanup.PolicyFiles.read(file).scopes().getFirst().repositories());

        cleanup.form().keepLastProperty().set(9);
        cleanup.form().includeProperty().set("");
        cleanup.form().excludeProperty().set("");
        dialogs.answerFile(file);
        cleanup.policy().importFile();
        assertEquals(4, cleanup.form().keepLastProperty().get());
        assertEquals("pr-.*", cleanup.form().includeProperty().get());
        assertEquals("pr-keep", cleanup.form().excludeProperty().get());
        assertEquals("", cleanup.form().protectProperty().get());
        assertTrue(cleanup.policy().statusProperty().get().startsWith("Imported"), cleanup.policy().statusProperty().get());
        assertTrue(told.isEmpty(), told.toString());

        Path bad = work.resolve("bad-policy.json");
        Files.writeString(bad, "{\"berthCleanupPolicy\": 1, \"scopes\": [{\"repositories\": \"*\", \"keepLast\": \"ten\"}]}");
        dialogs.answerFile(bad);
        cleanup.policy().importFile();
        assertEquals(1, told.size(), told.toString());
        assertEquals("Not a usable cleanup policy", told.getFirst().title());
        assertTrue(told.getFirst().text().contains("scopes[0]") && told.getFirst().text().contains("keepLast"), told.getFirst().text());
        assertEquals(4, cleanup.form().keepLastProperty().get(), "a bad file changes nothing");

        dialogs.answerFile(work.resolve("no-such-policy.json"));
        cleanup.policy().importFile();
        assertEquals("No such file", told.get(1).title());
    }

    private MainViewModel main(ConnectionService connections, ScriptedDialogs dialogs) {
        BrowserViewModel browser = new BrowserViewModel(executor, told::add, dev.berth.browse.CatalogLoader.Options.defaults(),
                new dev.berth.ui.app.SavedConnectionMemory(executor, connections, told::add));
        RepositoryScanner scanner = new RepositoryScanner(SummaryCache.inMemory());
        RepositoryViewModel repository = new RepositoryViewModel(executor, told::add, scanner);
        return new MainViewModel(executor, dialogs, told::add, connections, browser, repository, new TagDetailsViewModel(executor),
                new CleanupViewModel(executor, dialogs, told::add, scanner, new Journal(work.resolve("journal")),
                        new dev.berth.ui.app.ConnectionPolicies(connections), java.time.Clock.systemUTC(), 2,
                        changed -> MainViewModel.reload(changed, repository, browser)),
                new dev.berth.ui.browser.RegistryOverviewModel(executor, scanner));
    }

    private static void assertNotNullCapabilities(RegistryNode node) {
        assertEquals(Capabilities.AuthScheme.BASIC, node.capabilitiesProperty().get().auth());
    }
}
