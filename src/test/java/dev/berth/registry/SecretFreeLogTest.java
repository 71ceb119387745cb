package dev.berth.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.platform.Logging;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.TestPki;
import dev.berth.testing.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth's log records each registry request (so a person can tell what went wrong) and never the password, the
 * bearer token or the Authorization header that carried them: the log is a file people attach to bug reports.
 */
class SecretFreeLogTest {

    private static final String PASSWORD = "pw-Zq81-never-in-logs";
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}");

    @TempDir
    Path work;

    @AfterEach
    void loggingOff() {
        Logging.off();
    }

    @Test
    void logsRequestsButNoPasswordTokenOrAuthorizationHeader() throws Exception {
        Path logs = work.resolve("logs");
        Path logFile = Logging.writeTo(logs, "berth", true).orElseThrow();
        try (TokenIssuer issuer = TokenIssuer.start(TestPki.create("log-test-ca")).addUser("alice", PASSWORD)
                .grant("alice", "team/*", "pull", "push").grantCatalog("alice");
                RegistryServer registry = RegistryServer.builder(work.resolve("registry")).tokenAuth(issuer).start()) {
            RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.bearer(issuer)).pushImage("team/app", "1", 5, 100);

            RegistryClient client = RealRegistry.plain(registry, Credentials.basic("alice", PASSWORD));
            client.probe(Optional.of("team/app"));
            client.manifest("team/app", "1");
            // A wrong password too: failures are logged, and what was tried is still not.
            try {
                RealRegistry.plain(registry, Credentials.basic("alice", PASSWORD + "-wrong")).manifest("team/app", "1");
            } catch (RegistryException expected) {
                // the 401 is what this part is for
            }
        }
        Logging.off();

        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertTrue(log.contains("GET http://127.0.0.1:") && log.contains("/v2/team/app/manifests/1 -> 200"), log);
        assertTrue(log.contains("/token -> 200"), "the token request is logged too: " + log);
        assertFalse(log.contains(PASSWORD), log);
        assertFalse(log.toLowerCase().contains("authorization"), log);
        assertFalse(log.contains("Bearer ") || log.contains("Basic "), log);
        assertFalse(JWT.matcher(log).find(), "a token was logged: " + log);
    }
}
