package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineLocator;
import dev.berth.jobs.CopyJobs;
import dev.berth.jobs.JobHistory;
import dev.berth.jobs.JobService;
import dev.berth.jobs.PlaceKind;
import dev.berth.jobs.StorePlaces;
import dev.berth.platform.SingleInstance;
import dev.berth.transfer.ImageCopier;
import dev.berth.ui.ScriptedTransferDialogs;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.common.SyncUiExecutor;
import dev.berth.ui.common.UserMessage;
import dev.berth.ui.jobs.ConnectedClients;
import dev.berth.ui.jobs.EngineProbe;
import dev.berth.ui.jobs.TransferActions;
import dev.berth.ui.jobs.TransferDialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second start hands its arguments to the running Berth: a path to an archive (relative to where
 * the second start ran) opens Push… with it as the source, a layout asks push-or-open, a reference
 * goes to the search as before, and a file Berth cannot read is answered in words.
 */
class HandOverTest {

    @TempDir
    Path runtime;

    @TempDir
    Path elsewhere;

    private final ScriptedTransferDialogs dialogs = new ScriptedTransferDialogs();
    private final List<String> searched = new ArrayList<>();
    private final List<Path> opened = new ArrayList<>();
    private final List<UserMessage> said = new ArrayList<>();
    private final JobService jobs = new JobService(1, JobHistory.inMemory(), Clock.systemUTC());
    private final FileOpener opener = opener();

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void aSecondStartsRelativeArchiveOpensPushWithItAndItsReferenceIsSearched() throws Exception {
        Path archive = dockerArchive(elsewhere.resolve("app.tar"));
        LinkedBlockingQueue<List<String>> received = new LinkedBlockingQueue<>();
        SingleInstance first = ((SingleInstance.First) SingleInstance.claim(runtime, List.of(), received::add)).instance();
        try {
            // What Main does in the second start, which runs in another directory than the first.
            assertInstanceOf(SingleInstance.HandedOver.class,
                    SingleInstance.claim(runtime, LaunchArgument.handedOver(List.of("app.tar", "nginx:1.27"), elsewhere), args -> {}));
            List<String> args = received.poll(5, TimeUnit.SECONDS);
            opener.openArguments(args, Path.of("/where/the/first/started"));
        } finally {
            first.close();
        }
        assertEquals(List.of("nginx:1.27"), searched);
        assertEquals(1, dialogs.asked.size(), dialogs.asked.toString());
        assertTrue(dialogs.asked.getFirst().endsWith(" from " + PlaceKind.DOCKER_ARCHIVE + " " + archive.toAbsolutePath()), dialogs.asked.toString());
    }

    @Test
    void aReferenceAloneKeepsTodaysBehaviour() {
        opener.openArguments(List.of("localhost:5000/team/app:v1"), elsewhere);
        assertEquals(List.of("localhost:5000/team/app:v1"), searched);
        assertTrue(dialogs.asked.isEmpty() && said.isEmpty());
    }

    @Test
    void aLayoutAsksAndCanBeOpenedAsAFolder() throws Exception {
        Path layout = Files.createDirectories(elsewhere.resolve("app-layout"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        dialogs.answerLayoutUse(TransferDialogs.LayoutUse.OPEN);
        opener.openArguments(List.of(layout.toString()), Path.of("/"));
        assertEquals(List.of(layout), opened);
        assertEquals(List.of("layout use: " + layout), dialogs.asked);

        dialogs.answerLayoutUse(TransferDialogs.LayoutUse.PUSH);
        opener.open(List.of(layout));
        assertTrue(dialogs.asked.getLast().endsWith(" from " + PlaceKind.OCI_LAYOUT + " " + layout), dialogs.asked.toString());
    }

    @Test
    void aFileBerthCannotReadIsAnsweredInWords() throws Exception {
        Path text = Files.writeString(elsewhere.resolve("notes.tar"), "not a tar");
        opener.openArguments(List.of(text.toString()), Path.of("/"));
        assertEquals(1, said.size());
        assertTrue(said.getFirst().text().contains("image archives"), said.getFirst().text());
        assertTrue(dialogs.asked.isEmpty() && searched.isEmpty());
    }

    private FileOpener opener() {
        SyncUiExecutor executor = new SyncUiExecutor();
        EngineLocator noEngine = new EngineLocator(Map.of("DOCKER_HOST", "unix:///nonexistent/berth-test.sock"));
        ConnectedClients clients = new ConnectedClients();
        TransferActions actions = new TransferActions(dialogs, new CopyJobs(jobs, new StorePlaces(clients, noEngine, elsewhere), new ImageCopier()),
                clients, oneUnconnectedRegistry(executor), said::add,
                new EngineProbe(executor, noEngine));
        return new FileOpener(executor, actions, dialogs, opened::add, searched::add, said::add);
    }

    /** A registry to push to, never reached: the dialogs are scripted. */
    private javafx.collections.ObservableList<RegistryNode> oneUnconnectedRegistry(SyncUiExecutor executor) {
        var browser = new dev.berth.ui.browser.BrowserViewModel(executor, said::add, dev.berth.browse.CatalogLoader.Options.defaults());
        browser.addRegistry("conn-1", "local", "localhost:5000", null);
        return browser.registries();
    }

    /** The entries a docker-archive is told by; the push itself is shown against a real registry in DragAndDropFlowTest. */
    private static Path dockerArchive(Path file) throws Exception {
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            TarArchiveEntry entry = new TarArchiveEntry("manifest.json");
            entry.setSize(2);
            out.putArchiveEntry(entry);
            out.write("[]".getBytes());
            out.closeArchiveEntry();
        }
        return file;
    }
}
