package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.connection.AuthMode;
import dev.berth.connection.ConfigDirectories;
import dev.berth.connection.Connection;
import dev.berth.connection.ConnectionStore;
import dev.berth.connection.MemorySecretStore;
import dev.berth.connection.SecretKey;
import dev.berth.connection.TlsOptions;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line uses the desktop app's saved connections: a TLS registry with htpasswd, saved in
 * the app with its CA and a password kept by a credential helper, needs no options at all.
 */
class SavedConnectionsCliTest {

    private static final String PASSWORD = "s3cret-Pw";

    @TempDir
    static Path work;

    private static RegistryServer secure;
    private static TestPki pki;
    private static Path home;
    private static Map<String, String> variables;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create("Berth saved-connections test CA");
        secure = RegistryServer.builder(work).tls(pki).htpasswd("alice", PASSWORD).start();
        RegistrySeeder.of(secure.baseUrl(), RegistrySeeder.trusting(pki)).withAuthorization(RegistrySeeder.basic("alice", PASSWORD))
                .pushImage("secure/app", "v1", 21, 100);
        Path ca = pki.writeRootPem(work.resolve("lab-ca.pem"));
        home = work.resolve("home");
        Path bin = Files.createDirectories(work.resolve("bin"));
        variables = Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString(), "PATH", bin + ":/usr/bin:/bin");

        ConnectionStore store = new ConnectionStore(connectionsFile(home), new MemorySecretStore("test"), Clock.systemUTC());
        store.load();
        TlsOptions labCa = TlsOptions.system().withCaFile(Optional.of(ca));
        Connection withPassword = store.add(Connection.create(secure.hostPort()).withName("Lab")
                .withAuth(AuthMode.PASSWORD, Optional.of("alice")).withTls(labCa));
        store.add(Connection.create("registry.example.com").withName("Elsewhere").withAuth(AuthMode.DOCKER, Optional.empty()));
        keyring(bin, Map.of(SecretKey.login(withPassword.id()).serverUrl(), PASSWORD));
    }

    @AfterAll
    static void stop() {
        secure.close();
    }

    @Test
    void aSavedConnectionWithCaAndPasswordNeedsNoOptions() {
        CliRun run = berth("", "tags", secure.hostPort() + "/secure/app");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("v1"), run.out().lines().toList());
        assertFalse(run.err().contains(PASSWORD));
    }

    @Test
    void explicitCredentialsWinOverTheSavedOnes() {
        CliRun wrong = berth("not-it\n", "tags", secure.hostPort() + "/secure/app", "--username", "alice", "--password-stdin");
        assertEquals(1, wrong.code(), "the saved password was used instead of the one given: " + wrong.err());
        assertTrue(wrong.err().contains("did not accept the credentials"), wrong.err());
        assertFalse(wrong.err().contains("not-it") || wrong.err().contains(PASSWORD), wrong.err());

        CliRun right = berth(PASSWORD + "\n", "tags", secure.hostPort() + "/secure/app", "--username", "alice", "--password-stdin");
        assertEquals(0, right.code(), "the saved CA still applies with explicit credentials: " + right.err());
    }

    @Test
    void anExplicitCaCertWinsOverTheSavedOne() throws Exception {
        Path otherCa = TestPki.create("Some other CA").writeRootPem(work.resolve("other-ca.pem"));
        CliRun run = berth("", "tags", secure.hostPort() + "/secure/app", "--ca-cert", otherCa.toString());
        assertEquals(1, run.code(), "the saved CA was trusted although --ca-cert named another: " + run.err());
        assertTrue(run.err().toLowerCase(java.util.Locale.ROOT).contains("certificate"), run.err());
    }

    @Test
    void connectionPicksASavedConnectionByItsName() throws Exception {
        Path twoForOneHost = work.resolve("two-for-one-host");
        Files.createDirectories(twoForOneHost);
        Files.copy(connectionsFile(home), Files.createDirectories(connectionsFile(twoForOneHost).getParent()).resolve("connections.json"));
        ConnectionStore store = new ConnectionStore(connectionsFile(twoForOneHost), new MemorySecretStore("test"), Clock.systemUTC());
        store.load();
        store.add(Connection.create(secure.hostPort()).withName("Lab anonymous")
                .withTls(TlsOptions.system().withCaFile(Optional.of(work.resolve("lab-ca.pem")))));

        CliRun ambiguous = CliRun.of(twoForOneHost, variables, "", "tags", secure.hostPort() + "/secure/app");
        assertEquals(1, ambiguous.code(), "two saved connections fit, and one was used without asking: " + ambiguous.out());
        assertTrue(ambiguous.err().contains("--connection") && ambiguous.err().contains("“Lab”")
                && ambiguous.err().contains("“Lab anonymous”"), ambiguous.err());

        CliRun byName = CliRun.of(twoForOneHost, variables, "", "tags", secure.hostPort() + "/secure/app", "--connection", "Lab");
        assertEquals(0, byName.code(), byName.err());
        assertEquals(List.of("v1"), byName.out().lines().toList());

        CliRun anonymous = CliRun.of(twoForOneHost, variables, "", "tags", secure.hostPort() + "/secure/app",
                "--connection", "Lab anonymous");
        assertEquals(1, anonymous.code());
        assertTrue(anonymous.err().contains("requires you to sign in"), "the CA was used but no password: " + anonymous.err());
    }

    @Test
    void anUnknownNameIsRefusedWithTheSavedNames() {
        CliRun run = berth("", "tags", secure.hostPort() + "/secure/app", "--connection", "Lba");
        assertEquals(BerthCli.USAGE, run.code());
        assertTrue(run.err().contains("Lba") && run.err().contains("“Lab”") && run.err().contains("“Elsewhere”"), run.err());
        assertTrue(run.err().contains("berth connections"), "the message says where to look: " + run.err());
        assertFalse(run.err().contains("alice") || run.err().contains(PASSWORD), "only names are listed: " + run.err());
    }

    @Test
    void aNamedConnectionForAnotherRegistryIsRefused() {
        CliRun run = berth("", "tags", secure.hostPort() + "/secure/app", "--connection", "Elsewhere");
        assertEquals(BerthCli.USAGE, run.code());
        assertTrue(run.err().contains("registry.example.com") && run.err().contains(secure.hostPort()), run.err());
    }

    @Test
    void copyUsesTheSavedConnectionOfItsSource() {
        Path out = work.resolve("copied");
        CliRun run = berth("", "copy", "docker://" + secure.hostPort() + "/secure/app:v1", "oci:" + out);
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("index.json")));

        CliRun named = berth("", "copy", "--src-connection", "Lab", "docker://" + secure.hostPort() + "/secure/app:v1",
                "oci:" + work.resolve("copied-again"));
        assertEquals(0, named.code(), named.err());
        CliRun unknown = berth("", "copy", "--dest-connection", "Nope", "oci:" + out, "docker://" + secure.hostPort() + "/secure/copy:v1");
        assertEquals(BerthCli.USAGE, unknown.code(), unknown.err());
    }

    @Test
    void connectionsListsNamesAddressesAndHowTheySignInButNoSecret() throws Exception {
        CliRun text = berth("", "connections");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Lab") && text.out().contains(secure.hostPort()) && text.out().contains("password"), text.out());
        assertTrue(text.out().contains("Elsewhere") && text.out().contains("registry.example.com") && text.out().contains("docker"),
                text.out());
        assertFalse(text.out().contains(PASSWORD) || text.err().contains(PASSWORD), text.out());

        CliRun json = berth("", "connections", "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode lab = json.json().get(0);
        assertEquals("Lab", lab.get("name").asText());
        assertEquals(secure.hostPort(), lab.get("address").asText());
        assertEquals("password", lab.get("auth").asText());
        assertEquals("docker", json.json().get(1).get("auth").asText());
        assertFalse(json.out().contains(PASSWORD), json.out());
    }

    @Test
    void anUnreadableConnectionsFileOnlyWarns() throws Exception {
        Path unreadable = work.resolve("unreadable-home");
        Files.createDirectories(connectionsFile(unreadable)); // a folder where the file should be: no user can read it as a file
        try (RegistryServer open = RegistryServer.builder(work.resolve("open")).start()) {
            RegistrySeeder.of(open).pushImage("team/app", "v1", 22, 100);
            CliRun tags = CliRun.of(unreadable, variables, "", "tags", open.hostPort() + "/team/app");
            assertEquals(0, tags.code(), tags.err());
            assertEquals(List.of("v1"), tags.out().lines().toList());
            assertEquals(1, tags.err().lines().count(), "one line of warning: " + tags.err());
            assertTrue(tags.err().startsWith("berth: warning:") && tags.err().contains("saved connections"), tags.err());
        }
        CliRun list = CliRun.of(unreadable, variables, "", "connections");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.err().startsWith("berth: warning:"), list.err());
    }

    @Test
    void aDamagedConnectionsFileOnlyWarnsAndIsKept() throws Exception {
        Path damaged = work.resolve("damaged-home");
        Path file = connectionsFile(damaged);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{ not json");
        CliRun list = CliRun.of(damaged, variables, "", "connections", "--json");
        assertEquals(0, list.code(), list.err());
        assertEquals(0, list.json().size());
        assertTrue(list.err().startsWith("berth: warning:") && list.err().contains("kept as"), list.err());
        assertEquals("{ not json", Files.readString(file), "the command line changed the app's file");
    }

    @Test
    void aPasswordTheCommandLineCannotReachSaysWhatToDo() {
        // No credential helper on PATH: the app would have kept the password in memory only.
        Map<String, String> noKeyring = Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString(),
                "PATH", work.resolve("empty-bin").toString());
        CliRun run = CliRun.of(home, noKeyring, "", "tags", secure.hostPort() + "/secure/app");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("“Lab”") && run.err().contains("--username NAME --password-stdin"), run.err());
    }

    private static CliRun berth(String stdin, String... args) {
        return CliRun.of(home, variables, stdin, args);
    }

    private static Path connectionsFile(Path home) {
        return ConfigDirectories.of(System.getProperty("os.name", ""), Map.of(), home).connectionsFile();
    }

    /**
     * A stand-in for docker-credential-secretservice holding {@code secrets} (server URL to secret, user
     * alice): the first helper Berth tries on Linux, found on the PATH the command line is given.
     */
    private static void keyring(Path bin, Map<String, String> secrets) throws Exception {
        StringBuilder get = new StringBuilder();
        secrets.forEach((url, secret) -> get.append("    '").append(url).append("') printf '%s' '{\"ServerURL\":\"").append(url)
                .append("\",\"Username\":\"alice\",\"Secret\":\"").append(secret).append("\"}' ;;\n"));
        Path helper = bin.resolve("docker-credential-secretservice");
        Files.writeString(helper, "#!/bin/sh\ninput=$(cat)\ncase \"$1\" in\n  list) printf '{}' ;;\n  get) case \"$input\" in\n" + get
                + "    *) echo 'credentials not found in native keychain'; exit 1 ;;\n  esac ;;\n  *) exit 1 ;;\nesac\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    }
}
