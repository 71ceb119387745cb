package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.connection.TlsOptions.ClientCertificateFiles;
import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connections.json: round trips, atomic private writes, damaged files, secrets kept out. */
class ConnectionStoreTest {

    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MemorySecretStore secrets = new MemorySecretStore("test");

    private Path file() {
        return dir.resolve("config").resolve("berth").resolve("connections.json");
    }

    private ConnectionStore store() {
        return new ConnectionStore(file(), secrets, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ConnectionStore loaded() throws IOException {
        ConnectionStore store = store();
        store.load();
        return store;
    }

    private static Connection everything() {
        return Connection.create("https://registry.example:5000/v2/")
                .withName("Team registry")
                .withAuth(AuthMode.PASSWORD, Optional.of("alice"))
                .withTls(new TlsOptions(Optional.of(Path.of("/etc/berth/ca.pem")),
                        Optional.of(new ClientCertificateFiles.Pem(Path.of("/etc/berth/c.crt"), Path.of("/etc/berth/c.key")))))
                .withPlainHttp(true, true)
                .withRepository("team/app")
                .withRepository("team/api")
                .withProbe(ConnectionTest.CAPS, NOW);
    }

    @Test
    void missingFileIsNoConnections() throws IOException {
        LoadResult result = store().load();
        assertEquals(List.of(), result.connections());
        assertEquals(Optional.empty(), result.problem());
        assertFalse(Files.exists(file()), "loading creates nothing");
    }

    @Test
    void roundTripKeepsEveryField() throws IOException {
        Connection full = everything();
        Connection hub = Connection.create("docker.io").withAuth(AuthMode.DOCKER, Optional.empty()).withRepository("nginx");
        Connection p12 = Connection.create("http://localhost:5000").withTls(TlsOptions.system()
                .withClientCertificate(Optional.of(new ClientCertificateFiles.Pkcs12(Path.of("/keys/me.p12")))));
        ConnectionStore store = loaded();
        store.add(full);
        store.add(hub);
        store.add(p12);

        LoadResult again = store().load();
        assertEquals(List.of(full, hub, p12), again.connections());
        assertEquals(Optional.empty(), again.problem());
    }

    @Test
    void aCleanupPolicyIsKeptOpaqueNestedInTheFileAndCopiedByDuplicate() throws IOException {
        String policy = "{\"berthCleanupPolicy\":1,\"scopes\":[{\"repositories\":\"team/\",\"keepLast\":5}]}";
        ConnectionStore store = loaded();
        Connection c = store.add(Connection.create("http://localhost:5000").withCleanupPolicy(Optional.of(policy)));
        Connection copy = store.duplicate(c.id()).connection();
        Connection legacy = store.add(Connection.create("http://localhost:5001").withCleanupPolicy(Optional.of("not json")));

        JsonNode written = JSON.readTree(file().toFile()).get("connections");
        assertEquals(5, written.get(0).get("cleanupPolicy").get("scopes").get(0).get("keepLast").asInt(), "nested, readable in the file");
        ConnectionStore again = loaded();
        assertEquals(JSON.readTree(policy), JSON.readTree(again.find(c.id()).orElseThrow().cleanupPolicy().orElseThrow()));
        assertEquals(JSON.readTree(policy), JSON.readTree(again.find(copy.id()).orElseThrow().cleanupPolicy().orElseThrow()));
        assertEquals(Optional.of("not json"), again.find(legacy.id()).orElseThrow().cleanupPolicy(), "anything else kept verbatim");
        assertEquals(Optional.of(policy), c.withName("renamed").withProbe(ConnectionTest.CAPS, NOW).cleanupPolicy(),
                "changed copies keep the policy");
    }

    @Test
    void fileIsOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
        loaded().add(everything());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())));
    }

    @Test
    void rewritingALooseFileMakesItOwnerOnly() throws IOException {
        ConnectionStore store = loaded();
        store.add(Connection.create("ghcr.io"));
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        store.add(Connection.create("quay.io"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    }

    @Test
    void atomicWritesLeaveNoTemporaryFiles() throws IOException {
        ConnectionStore store = loaded();
        Connection c = store.add(Connection.create("ghcr.io"));
        for (int i = 0; i < 5; i++) store.update(c.withName("name " + i));
        try (Stream<Path> files = Files.list(file().getParent())) {
            assertEquals(List.of("connections.json", "connections.json.lock"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFailedWriteChangesNothingAndLeavesNoTemporaryFile() throws IOException {
        ConnectionStore store = loaded();
        Connection kept = store.add(Connection.create("ghcr.io"));
        // A non-empty directory where the file should be: the rename fails, whoever runs the test.
        Files.delete(file());
        Files.createDirectories(file().resolve("in-the-way"));

        assertThrows(IOException.class, () -> store.add(Connection.create("quay.io")));

        assertEquals(List.of(kept), store.connections(), "memory agrees with what was last saved");
        try (Stream<Path> files = Files.list(file().getParent())) {
            assertEquals(List.of("connections.json", "connections.json.lock"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void secretsNeverReachTheFile() throws IOException {
        ConnectionStore store = loaded();
        Connection c = store.add(everything());
        secrets.put(SecretKey.login(c.id()), Credentials.basic("alice", "hunter2-very-secret"));
        secrets.put(SecretKey.clientCertificate(c.id()), Credentials.basic("pkcs12", "p12-very-secret"));
        store.update(c.withName("renamed"));
        store.duplicate(c.id());

        String content = Files.readString(file());
        assertFalse(content.contains("hunter2-very-secret"), content);
        assertFalse(content.contains("p12-very-secret"), content);
        assertFalse(content.matches("(?s).*\"[A-Za-z]*([Pp]assword|[Ss]ecret|[Tt]oken)\"\\s*:.*"), "no secret field of any kind: " + content);
        assertTrue(content.contains("\"username\" : \"alice\""), "the username is not secret: " + content);
    }

    @Test
    void corruptFileIsBackedUpAndReportedNotReplaced() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\": 1, \"connections\": [ {\"id\": ");

        LoadResult result = store().load();

        assertEquals(List.of(), result.connections());
        LoadResult.Problem problem = result.problem().orElseThrow();
        assertEquals(file().resolveSibling("connections.json.corrupt-20250304T050607Z"), problem.backup());
        assertEquals("{\"version\": 1, \"connections\": [ {\"id\": ", Files.readString(problem.backup()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(problem.backup())));
        assertTrue(problem.message().contains("not valid JSON"), problem.message());
        assertTrue(problem.message().contains(problem.backup().toString()), problem.message());
        assertEquals("{\"version\": 1, \"connections\": [ {\"id\": ", Files.readString(file()), "the original stays until a change is saved");
    }

    @Test
    void loadingTheSameDamagedFileAgainMakesNoSecondBackup() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "not json");
        Path first = store().load().problem().orElseThrow().backup();
        Path second = new ConnectionStore(file(), secrets, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
                .load().problem().orElseThrow().backup();
        assertEquals(first, second);
        try (Stream<Path> files = Files.list(file().getParent())) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void aBadEntryIsLeftOutAndReportedTheOthersLoad() throws IOException {
        Connection good = Connection.create("ghcr.io");
        ConnectionStore writer = loaded();
        writer.add(good);
        ObjectNode root = (ObjectNode) JSON.readTree(file().toFile());
        root.withArray("connections").addObject().put("id", "bad-one").put("name", "Broken").put("registry", "x y")
                .put("auth", "none");
        root.withArray("connections").addObject().put("id", "bad-two").put("name", "Future").put("registry", "a.example")
                .put("auth", "oidc");
        JSON.writeValue(file().toFile(), root);

        LoadResult result = store().load();

        assertEquals(List.of(good), result.connections());
        String message = result.problem().orElseThrow().message();
        assertTrue(message.contains("connection 2 (“Broken”)"), message);
        assertTrue(message.contains("unknown value 'oidc'"), message);
        assertTrue(Files.exists(result.problem().orElseThrow().backup()));
    }

    @Test
    void wrongShapesAreReported() throws IOException {
        Files.createDirectories(file().getParent());
        for (String content : List.of("", "[]", "{\"connections\": []}", "{\"version\": 1, \"connections\": {}}")) {
            Files.writeString(file(), content);
            assertTrue(store().load().problem().isPresent(), "reported: '" + content + "'");
        }
    }

    @Test
    void unknownFieldsSurviveARewrite() throws IOException {
        Files.createDirectories(file().getParent());
        Connection c = Connection.create("ghcr.io");
        Files.writeString(file(), """
                {"version": 1, "cleanupDefaults": {"keep": 5},
                 "connections": [{"id": "%s", "name": "GHCR", "registry": "ghcr.io", "auth": "none",
                                  "cleanupPolicies": [{"keepNewest": 10}]}]}
                """.formatted(c.id().value()));
        ConnectionStore store = store();
        assertEquals(Optional.empty(), store.load().problem());
        Connection loadedC = store.connections().getFirst();
        store.update(loadedC.withName("GitHub"));
        Connection copy = store.duplicate(loadedC.id()).connection();

        JsonNode root = JSON.readTree(file().toFile());
        assertEquals(1, root.get("version").asInt());
        assertEquals(5, root.at("/cleanupDefaults/keep").asInt());
        assertEquals("GitHub", root.at("/connections/0/name").asText());
        assertEquals(10, root.at("/connections/0/cleanupPolicies/0/keepNewest").asInt());
        assertEquals(copy.id().value(), root.at("/connections/1/id").asText());
        assertEquals(10, root.at("/connections/1/cleanupPolicies/0/keepNewest").asInt(), "a copy keeps them too");
    }

    @Test
    void aNewerFormatIsLoadedBackedUpAndReported() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"version": 2, "connections": [{"id": "abc", "name": "A", "registry": "a.example", "auth": "none"}]}
                """);
        LoadResult result = store().load();
        assertEquals(1, result.connections().size());
        assertTrue(result.problem().orElseThrow().message().contains("newer version of Berth"));
    }

    @Test
    void aFileThatCannotBeReadIsAnErrorAndIsNeverOverwritten() throws IOException {
        Files.createDirectories(file()); // a directory cannot be read as a file, even by root
        ConnectionStore store = store();
        assertThrows(IOException.class, store::load);
        assertThrows(IllegalStateException.class, () -> store.add(Connection.create("ghcr.io")));
        assertTrue(Files.isDirectory(file()));
    }

    @Test
    void changesBeforeLoadingAreRefused() {
        ConnectionStore store = store();
        assertThrows(IllegalStateException.class, () -> store.add(Connection.create("ghcr.io")));
    }

    @Test
    void addUpdateRemove() throws IOException {
        ConnectionStore store = loaded();
        Connection a = store.add(Connection.create("ghcr.io"));
        assertThrows(IllegalArgumentException.class, () -> store.add(a));
        store.update(a.withRepository("acme/app"));
        assertEquals(List.of("acme/app"), store.find(a.id()).orElseThrow().repositories());

        StoreChange removed = store.remove(a.id());
        assertEquals(List.of("acme/app"), removed.connection().repositories());
        assertEquals(List.of(), store.connections());
        assertEquals(List.of(), store().load().connections());
        assertThrows(NoSuchElementException.class, () -> store.remove(a.id()));
        assertThrows(NoSuchElementException.class, () -> store.update(a));
    }

    @Test
    void duplicateCopiesSecretsAndPicksAFreeName() throws IOException {
        ConnectionStore store = loaded();
        Connection a = store.add(everything().withName("Work").withTls(TlsOptions.system().withClientCertificate(
                Optional.of(new ClientCertificateFiles.Pkcs12(Path.of("/k/me.p12"))))));
        secrets.put(SecretKey.login(a.id()), Credentials.basic("alice", "pw"));
        secrets.put(SecretKey.clientCertificate(a.id()), Credentials.basic("pkcs12", "p12"));

        StoreChange first = store.duplicate(a.id());
        StoreChange second = store.duplicate(a.id());

        assertEquals("Copy of Work", first.connection().name());
        assertEquals("Copy of Work (2)", second.connection().name());
        assertNotEquals(a.id(), first.connection().id());
        assertEquals(List.of(), first.warnings());
        assertEquals(Optional.of(Credentials.basic("alice", "pw")), secrets.get(SecretKey.login(first.connection().id())));
        assertEquals(Optional.of(Credentials.basic("pkcs12", "p12")), secrets.get(SecretKey.clientCertificate(first.connection().id())));
        assertEquals(List.of("Work", "Copy of Work (2)", "Copy of Work"), store.connections().stream().map(Connection::name).toList(),
                "a copy goes right after its original");
    }

    @Test
    void removingErasesSecrets() throws IOException {
        ConnectionStore store = loaded();
        Connection a = store.add(everything());
        secrets.put(SecretKey.login(a.id()), Credentials.basic("alice", "pw"));
        store.remove(a.id());
        assertEquals(Optional.empty(), secrets.get(SecretKey.login(a.id())));
    }

    @Test
    void switchingAwayFromPasswordErasesIt() throws IOException {
        ConnectionStore store = loaded();
        Connection a = store.add(everything());
        secrets.put(SecretKey.login(a.id()), Credentials.basic("alice", "pw"));
        store.update(a.withName("still password"));
        assertTrue(secrets.get(SecretKey.login(a.id())).isPresent());
        store.update(a.withAuth(AuthMode.DOCKER, Optional.empty()));
        assertEquals(Optional.empty(), secrets.get(SecretKey.login(a.id())));
    }

    @Test
    void secretFailuresOnRemovalAreWarningsTheRemovalStands() throws IOException {
        SecretStore failing = new SecretStore() {
            @Override
            public Kind kind() {
                return Kind.CREDENTIAL_HELPER;
            }

            @Override
            public String description() {
                return "a locked keyring";
            }

            @Override
            public Optional<Credentials> get(SecretKey key) throws SecretStoreException {
                throw new SecretStoreException("the keyring is locked.", null);
            }

            @Override
            public void put(SecretKey key, Credentials secret) throws SecretStoreException {
                throw new SecretStoreException("the keyring is locked.", null);
            }

            @Override
            public boolean erase(SecretKey key) throws SecretStoreException {
                throw new SecretStoreException("the keyring is locked.", null);
            }
        };
        ConnectionStore store = new ConnectionStore(file(), failing, Clock.systemUTC());
        store.load();
        Connection a = store.add(everything());
        StoreChange change = store.remove(a.id());
        assertEquals(List.of(), store.connections());
        assertEquals(2, change.warnings().size());
        assertTrue(change.warnings().getFirst().contains("the keyring is locked"), change.warnings().getFirst());
        assertTrue(change.warnings().getFirst().contains(SecretKey.login(a.id()).serverUrl()), change.warnings().getFirst());
    }
}
