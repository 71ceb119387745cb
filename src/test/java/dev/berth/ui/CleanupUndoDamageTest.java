package dev.berth.ui;

import dev.berth.ui.browser.Selection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.CatalogLoader;
import dev.berth.browse.RepositoryScanner;
import dev.berth.browse.SummaryCache;
import dev.berth.cleanup.Journal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.ui.app.ConnectionPolicies;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.RepositoryViewModel;
import dev.berth.ui.cleanup.CleanupViewModel;
import dev.berth.ui.common.SyncUiExecutor;
import dev.berth.ui.common.UserMessage;
import dev.berth.connection.ConnectionService;
import dev.berth.ui.details.TagDetailsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's undo over a journal damaged between apply and undo: the damage is shown with its file, never hidden. */
class CleanupUndoDamageTest {

    @TempDir
    Path work;

    private final SyncUiExecutor executor = new SyncUiExecutor();
    private final List<UserMessage> told = new ArrayList<>();

    @Test
    void aDamagedEntryIsNamedInTheUndoResultAndTheRestIsRestored() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder seeder = RegistrySeeder.of(registry);
            seeder.pushIndex("team/multi", "v1", TestImages.multiArch(3, 100));
            MainViewModel main = applyDeletion(registry, "team/multi", "v1");
            Path operation = onlyOperation();
            Path lost = operation.resolve("entry-00001.json");
            Files.writeString(lost, "");

            main.cleanup().undo();
            String result = main.cleanup().resultTextProperty().get();
            assertTrue(result.contains("Not restored, its journal file is damaged: " + lost + ": the file is empty"), result);
            assertEquals("", Files.readString(lost), "the damaged file is left as it is");
        }
    }

    @Test
    void anUnreadableOperationIsReportedWithItsFileAndNothingIsChanged() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start()) {
            RegistrySeeder.of(registry).pushImage("team/app", "v1", 4, 100);
            MainViewModel main = applyDeletion(registry, "team/app", "v1");
            Path operationJson = onlyOperation().resolve("operation.json");
            Files.writeString(operationJson, "{\"id\":");

            main.cleanup().undo();
            assertEquals(1, told.size(), told.toString());
            String text = told.getFirst().text();
            assertTrue(text.contains(operationJson + ": the file is not valid JSON") && text.contains("nothing was changed"), text);
            assertEquals("{\"id\":", Files.readString(operationJson));
        }
    }

    private MainViewModel applyDeletion(RegistryServer registry, String repositoryName, String tag) throws Exception {
        ScriptedDialogs dialogs = new ScriptedDialogs().answerConfirm(true);
        ConnectionService connections = TestConnections.inMemory(work.resolve("config"));
        RepositoryScanner scanner = new RepositoryScanner(SummaryCache.inMemory());
        BrowserViewModel browser = new BrowserViewModel(executor, told::add, CatalogLoader.Options.defaults());
        RepositoryViewModel tags = new RepositoryViewModel(executor, told::add, scanner);
        MainViewModel main = new MainViewModel(executor, dialogs, told::add, connections, browser, tags, new TagDetailsViewModel(executor),
                new CleanupViewModel(executor, dialogs, told::add, scanner, new Journal(work.resolve("journal")),
                        new ConnectionPolicies(connections), Clock.systemUTC(), 2, changed -> MainViewModel.reload(changed, tags, browser)),
                new dev.berth.ui.browser.RegistryOverviewModel(executor, scanner));
        RegistryNode node = main.addConnected("local", registry.hostPort(),
                new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withPlainHttp(true, false)));
        RepositoryNode repository = node.repository(repositoryName).orElseThrow();
        main.browser().select(Selection.of(repository));
        main.deleteTags(List.of(tag));
        main.cleanup().apply();
        assertTrue(main.cleanup().canUndo().get(), main.cleanup().resultTextProperty().get() + told);
        return main;
    }

    private Path onlyOperation() throws Exception {
        try (Stream<Path> dirs = Files.list(work.resolve("journal"))) {
            return dirs.filter(Files::isDirectory).toList().getFirst();
        }
    }
}
