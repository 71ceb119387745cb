package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.demo.DemoImages;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.registry.tls.TlsContextFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of OCI layouts as a saved connection: stored, read back, connected in-process. */
class FolderConnectionTest {

    @TempDir
    Path temp;

    private ConnectionStore store() {
        return new ConnectionStore(temp.resolve("config/connections.json"), new MemorySecretStore("test"), Clock.systemUTC());
    }

    @Test
    void aFolderConnectionIsSavedAndReadBack() throws Exception {
        ConnectionStore store = store();
        store.load();
        Connection demo = store.add(Connection.folder("Demo", temp.resolve("demo")));

        ConnectionStore again = store();
        LoadResult loaded = again.load();
        Connection read = loaded.connections().getFirst();
        assertEquals(Optional.of(temp.resolve("demo").toAbsolutePath()), read.folder());
        assertTrue(read.isFolder());
        assertEquals("demo.folder.invalid", read.registry());
        assertEquals(demo, read);
        assertTrue(Files.readString(store.file()).contains("\"folder\""));
    }

    @Test
    void aFileWrittenBeforeFoldersExistedReadsAsBefore() throws Exception {
        Path file = temp.resolve("config/connections.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"version": 1, "connections": [{"id": "3f1e8a52-5d0c-4c4e-9d8e-1b2a3c4d5e6f", "name": "Team", "registry": "registry.example.com",
                 "auth": "none", "plainHttp": false, "allowInsecureRemote": false, "repositories": ["team/app"]}]}
                """);
        LoadResult loaded = store().load();
        assertTrue(loaded.problem().isEmpty(), loaded.problem().toString());
        Connection team = loaded.connections().getFirst();
        assertFalse(team.isFolder());
        assertEquals(List.of("team/app"), team.repositories());
    }

    @Test
    void aFolderHostWithoutAFolderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Connection.create("demo.folder.invalid"));
    }

    @Test
    void connectingAFolderAnswersInProcess() throws Exception {
        DemoImages.write(temp.resolve("demo"));
        ConnectionTester tester = new ConnectionTester(new RegistryClients(), new TlsContextFactory(), List.of(), Clock.systemUTC());
        RegistryClient client = tester.connect(Connection.folder("Demo", temp.resolve("demo")), ConnectionSecrets.anonymous());
        assertEquals(DemoImages.repositories(), client.catalog());
    }

    @Test
    void aFolderThatWentAwaySaysSo() throws Exception {
        ConnectionTester tester = new ConnectionTester(new RegistryClients(), new TlsContextFactory(), List.of(), Clock.systemUTC());
        RegistryClient client = tester.connect(Connection.folder("Gone", temp.resolve("gone")), ConnectionSecrets.anonymous());
        RegistryException e = assertThrows(RegistryException.class, client::catalog);
        assertTrue(e.getMessage().contains("is not there any more"), e.getMessage());
    }
}
