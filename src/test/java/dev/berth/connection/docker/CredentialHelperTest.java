package dev.berth.connection.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.docker.CredentialHelperException.Reason;
import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The helper protocol against scripted fakes; the real docker-credential-pass is in {@link PassHelperTest}. */
class CredentialHelperTest {

    private static final String SECRET = "SUPERSECRET";

    @TempDir
    Path dir;

    private CredentialHelper fake(String body) {
        return CredentialHelper.named("fake").withExecutable(FakeHelper.script(dir, "fake", body));
    }

    // --- get --------------------------------------------------------------------------------

    @Test
    void getSendsTheUrlOnStdinAndReadsTheAnswer() throws IOException {
        CredentialHelper helper = fake("printf '%s' '{\"ServerURL\":\"https://r.example\",\"Username\":\"alice\",\"Secret\":\"s3:cr\\\"et\"}'");
        assertEquals(Optional.of(Credentials.basic("alice", "s3:cr\"et")), helper.get("https://r.example"));
        assertEquals(List.of("get https://r.example"), FakeHelper.calls(dir, "fake"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            documented not-found error           | echo 'credentials not found in native keychain'; exit 1
            Debian 0.6.4: empty fields, exit 0   | printf '%s' '{"ServerURL":"x","Username":"","Secret":""}'
            missing fields, exit 0               | printf '%s' '{"ServerURL":"x"}'
            """)
    void notFoundIsEmpty(String name, String body) throws IOException {
        assertEquals(Optional.empty(), fake(body).get("https://x.example"));
    }

    @Test
    void tokenUsernameMeansIdentityToken() throws IOException {
        CredentialHelper helper = fake("printf '%s' '{\"ServerURL\":\"x\",\"Username\":\"<token>\",\"Secret\":\"refresh\"}'");
        assertEquals(Optional.of(new Credentials.IdentityToken("<token>", "refresh")), helper.get("x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                     | BAD_OUTPUT | printf '%s' 'Username=alice Secret=SUPERSECRET'
            JSON array                   | BAD_OUTPUT | printf '%s' '["SUPERSECRET"]'
            secret without a username    | BAD_OUTPUT | printf '%s' '{"Username":"","Secret":"SUPERSECRET"}'
            non-string secret            | BAD_OUTPUT | printf '%s' '{"Username":"u","Secret":["SUPERSECRET"]}'
            JSON answer with failure     | FAILED     | printf '%s' '{"Username":"u","Secret":"SUPERSECRET"}'; exit 3
            """)
    void badAnswersNeverReachTheMessage(String name, Reason reason, String body) {
        CredentialHelperException e = assertThrows(CredentialHelperException.class, () -> fake(body).get("x"));
        assertEquals(reason, e.reason());
        assertEquals("docker-credential-fake", e.helper());
        assertTrue(e.getMessage().startsWith("docker-credential-fake get "), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void failureShowsTheHelpersErrorTextOnOneBoundedLine() {
        CredentialHelper helper = fake("echo 'gpg: decryption failed: No secret key'; printf 'x%.0s' $(seq 1 2000) >&2; exit 1");
        CredentialHelperException e = assertThrows(CredentialHelperException.class, () -> helper.get("x"));
        assertEquals(Reason.FAILED, e.reason());
        assertTrue(e.getMessage().contains("(exit 1): gpg: decryption failed: No secret key; xxx"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().length() < 500, "length " + e.getMessage().length());
    }

    // --- store ------------------------------------------------------------------------------

    @Test
    void storeSendsDockersJson() throws IOException {
        CredentialHelper helper = fake("case \"$1\" in list) printf '{}' ;; esac");
        helper.store("https://r.example", Credentials.basic("alice", "p\"w"));
        helper.store("https://t.example", new Credentials.IdentityToken("someone", "refresh"));
        assertEquals(List.of(
                "list ",
                "store {\"ServerURL\":\"https://r.example\",\"Username\":\"alice\",\"Secret\":\"p\\\"w\"}",
                "list ",
                "store {\"ServerURL\":\"https://t.example\",\"Username\":\"<token>\",\"Secret\":\"refresh\"}"),
                FakeHelper.calls(dir, "fake"));
    }

    @Test
    void storeReplacesAnEntryStoredUnderAnotherUsername() throws IOException {
        // Like docker-credential-pass: an old username would keep answering unless the URL is erased.
        CredentialHelper helper = fake("case \"$1\" in list) printf '{\"u\":\"alice\",\"v\":\"bob\"}' ;; esac");
        helper.store("u", Credentials.basic("bob", "pw"));
        helper.store("v", Credentials.basic("bob", "pw"));
        List<String> calls = FakeHelper.calls(dir, "fake").stream().map(c -> c.split(" ")[0] + " " + c.split(" ", 2)[1]).toList();
        assertEquals(List.of("list ", "erase u", "store {\"ServerURL\":\"u\",\"Username\":\"bob\",\"Secret\":\"pw\"}",
                "list ", "store {\"ServerURL\":\"v\",\"Username\":\"bob\",\"Secret\":\"pw\"}"), calls);
    }

    @Test
    void storeStillWorksWhenTheHelperCannotList() throws IOException {
        CredentialHelper helper = fake("case \"$1\" in list) echo 'list is unimplemented'; exit 1 ;; esac");
        helper.store("u", Credentials.basic("bob", "pw"));
        assertEquals(2, FakeHelper.calls(dir, "fake").size());
    }

    @Test
    void storeFailureWithholdsOutputThatEchoesTheSecret() {
        CredentialHelper helper = fake("echo \"cannot parse $input\"; exit 1");
        CredentialHelperException e = assertThrows(CredentialHelperException.class,
                () -> helper.store("https://r.example", Credentials.basic("alice", SECRET)));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("withheld"), e.getMessage());
    }

    @Test
    void anonymousCannotBeStored() {
        assertThrows(IllegalArgumentException.class, () -> fake("true").store("x", Credentials.anonymous()));
    }

    // --- erase / list -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            erased                | true  | exit 0
            documented not found  | false | echo 'credentials not found in native keychain'; exit 1
            pass 0.6.4 not found  | false | echo 'exit status 1: Error: docker-credential-helpers/eA== is not in the password store.'; exit 1
            """)
    void eraseSaysWhetherSomethingWasThere(String name, boolean erased, String body) throws IOException {
        assertEquals(erased, fake(body).erase("x"));
    }

    @Test
    void listReturnsUrlsAndUsernames() throws IOException {
        CredentialHelper helper = fake("printf '%s' '{\"https://a.example\":\"alice\",\"b.example:5000\":\"bob\"}'");
        assertEquals(Map.of("https://a.example", "alice", "b.example:5000", "bob"), helper.list());
    }

    @Test
    void listFailureIsReported() {
        // docker-credential-pass 0.6.4 after a failed store leaves an empty directory and then fails like this.
        CredentialHelper helper = fake("echo 'no usernames for h1'; exit 1");
        CredentialHelperException e = assertThrows(CredentialHelperException.class, helper::list);
        assertEquals("docker-credential-fake list failed (exit 1): no usernames for h1", e.getMessage());
    }

    // --- process handling -------------------------------------------------------------------

    @Test
    void hangingHelperIsKilledAtTheTimeout() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        // The sleep is a child of the script: killing only the script would leave it holding the pipes.
        CredentialHelper helper = fake("sleep 60 & echo $! > '" + pidFile + "'; wait")
                .withTimeout(Duration.ofMillis(1500));
        CredentialHelperException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(CredentialHelperException.class, () -> helper.get("x")));
        assertEquals(Reason.TIMED_OUT, e.reason());
        assertTrue(e.getMessage().contains("docker-credential-fake get did not answer within 1500 ms"), e.getMessage());
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)) Thread.sleep(50);
        }, "the helper's child was left running");
    }

    @Test
    void defaultTimeoutIsThirtySeconds() {
        assertEquals(Duration.ofSeconds(30), CredentialHelper.named("pass").timeout());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pass          | golang-docker-credential-helpers
            secretservice | golang-docker-credential-helpers
            desktop       | Docker Desktop
            nosuch-berth  | install docker-credential-nosuch-berth
            """)
    void missingHelperSaysWhichAndHowToInstall(String suffix, String hint) throws IOException {
        Path emptyDir = Files.createDirectories(dir.resolve("empty"));
        CredentialHelper helper = CredentialHelper.named(suffix).withEnvironment(Map.of("PATH", emptyDir.toString()));
        CredentialHelperException e = assertThrows(CredentialHelperException.class, () -> helper.get("x"));
        assertEquals(Reason.NOT_INSTALLED, e.reason());
        assertTrue(e.getMessage().contains("docker-credential-" + suffix + " is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
    }

    @Test
    void missingExplicitExecutableIsNotInstalled() {
        CredentialHelper helper = CredentialHelper.named("pass").withExecutable(dir.resolve("nope"));
        assertEquals(Reason.NOT_INSTALLED, assertThrows(CredentialHelperException.class, helper::list).reason());
    }

    @Test
    void helperIsFoundOnTheGivenPathAndGetsTheExtraEnvironment() throws IOException {
        FakeHelper.script(dir, "envy", "printf '{\"Username\":\"%s\",\"Secret\":\"x\"}' \"$BERTH_USER\"");
        CredentialHelper helper = CredentialHelper.named("envy")
                .withEnvironment(Map.of("PATH", "/nonexistent:" + dir + ":/usr/bin:/bin", "BERTH_USER", "from-env"));
        assertEquals(Optional.of(Credentials.basic("from-env", "x")), helper.get("x"));
    }

    @ParameterizedTest
    @CsvSource({"''", "../pass", "/usr/bin/pass", "pa ss", "-rf"})
    void suffixMustNotBeAPath(String suffix) {
        assertThrows(IllegalArgumentException.class, () -> CredentialHelper.named(suffix));
    }
}
