package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.connection.docker.CredentialHelper;
import dev.berth.registry.auth.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing where secrets go, and saying so when it is only memory. The real pass helper is in {@link PassSecretStoreTest}. */
class SecretStoresTest {

    @TempDir
    Path dir;

    /** The helper as it would be looked up on a PATH where it is not installed. */
    private CredentialHelper notInstalled(String suffix) throws Exception {
        Path emptyBin = Files.createDirectories(dir.resolve("empty-bin"));
        return CredentialHelper.named(suffix).withEnvironment(Map.of("PATH", emptyBin.toString()));
    }

    @Test
    void withoutAWorkingHelperSecretsStayInMemoryAndTheStoreSaysSo() throws Exception {
        SecretStore store = SecretStores.detect(List.of(notInstalled("secretservice"), notInstalled("pass")), Map.of(), dir);

        assertEquals(SecretStore.Kind.MEMORY, store.kind());
        assertFalse(store.isPersistent());
        String said = store.description();
        assertTrue(said.startsWith("Passwords are kept only until Berth quits"), said);
        assertTrue(said.contains("docker-credential-secretservice is not installed"), said);
        assertTrue(said.contains("docker-credential-pass is not installed"), said);

        SecretKey key = SecretKey.login(ConnectionId.random());
        store.put(key, Credentials.basic("alice", "pw"));
        assertEquals(Optional.of(Credentials.basic("alice", "pw")), store.get(key));
        assertTrue(store.erase(key));
        assertFalse(store.erase(key));
        assertEquals(Optional.empty(), store.get(key));
    }

    @Test
    void noCandidatesAtAllIsSaidToo() {
        SecretStore store = SecretStores.detect(List.of(), Map.of(), dir);
        assertTrue(store.description().contains("no credential helper is configured"), store.description());
    }

    @Test
    void aHelperWhoseListFailsIsPassedOver() {
        CredentialHelper broken = ScriptHelper.failing(dir, "broken", "keyring daemon not running");
        CredentialHelper working = ScriptHelper.write(dir, "working", "echo '{}'");
        SecretStore store = SecretStores.detect(List.of(broken, working), Map.of(), dir);
        CredentialHelperSecretStore helperStore = assertInstanceOf(CredentialHelperSecretStore.class, store);
        assertEquals("working", helperStore.helper().suffix());
        assertTrue(store.isPersistent());
        assertTrue(store.description().contains("docker-credential-working"), store.description());
    }

    @Test
    void aFailingHelperIsReportedWithoutTheSecret() {
        SecretStore store = new CredentialHelperSecretStore(ScriptHelper.failing(dir, "broken", "the store is read-only"));
        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> store.put(SecretKey.login(ConnectionId.random()), Credentials.basic("alice", "hunter2-secret")));
        assertTrue(e.getMessage().contains("could not save the password"), e.getMessage());
        assertTrue(e.getMessage().contains("the store is read-only"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2-secret"), e.getMessage());
    }

    @Test
    void anonymousIsNothingToStore() {
        SecretKey key = SecretKey.login(ConnectionId.random());
        assertThrows(IllegalArgumentException.class, () -> new MemorySecretStore("x").put(key, Credentials.anonymous()));
    }

    @Test
    void candidatesPreferWhatDockerUsesThenTheOsDefaults() {
        assertEquals(List.of("secretservice", "pass"), SecretStores.candidates("Linux", Optional.empty()));
        assertEquals(List.of("pass", "secretservice"), SecretStores.candidates("Linux", Optional.of("pass")));
        assertEquals(List.of("desktop", "secretservice", "pass"), SecretStores.candidates("Linux", Optional.of("desktop")));
        assertEquals(List.of("secretservice", "pass"), SecretStores.candidates("Linux", Optional.of("ecr-login")),
                "a cloud login helper cannot keep other secrets");
        assertEquals(List.of("osxkeychain"), SecretStores.candidates("Mac OS X", Optional.empty()));
        assertEquals(List.of("wincred"), SecretStores.candidates("Windows 11", Optional.empty()));
    }

    @Test
    void keysAreBerthsOwnHttpsUrls() {
        ConnectionId id = new ConnectionId("0f6c2d7e-1111-4222-8333-944455556666");
        assertEquals("https://0f6c2d7e-1111-4222-8333-944455556666.berth.invalid", SecretKey.login(id).serverUrl());
        assertEquals("https://0f6c2d7e-1111-4222-8333-944455556666.berth.invalid/client-certificate",
                SecretKey.clientCertificate(id).serverUrl());
        assertTrue(SecretKey.isBerthUrl(SecretKey.login(id).serverUrl()));
        assertTrue(SecretKey.isBerthUrl(SecretKey.clientCertificate(id).serverUrl()));
        assertFalse(SecretKey.isBerthUrl("https://index.docker.io/v1/"));
        assertFalse(SecretKey.isBerthUrl("berth.invalid.example.com"));
    }
}
