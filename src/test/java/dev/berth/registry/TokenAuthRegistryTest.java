package dev.berth.registry;

import dev.berth.work.Progress;
import dev.berth.work.CancelSignal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.registry.Capabilities.Ability;
import dev.berth.registry.Capabilities.AuthScheme;
import dev.berth.registry.RealRegistry.Exchanged;
import dev.berth.registry.RealRegistry.Recorder;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.auth.RealmGuard;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.auth.TokenCache;
import dev.berth.registry.auth.TokenClient;
import dev.berth.registry.http.Authorizer;
import dev.berth.registry.http.Exchange;
import dev.berth.registry.http.HttpCalls;
import dev.berth.registry.http.RegistryHttp;
import dev.berth.registry.http.RetryPolicy;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.testing.TestImages.Content;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestPki;
import dev.berth.testing.TokenIssuer;
import dev.berth.testing.TokenIssuer.TokenRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens from a token service (the issuer is a test fixture; the registry is the real Distribution 2.8). */
class TokenAuthRegistryTest {

    private static final TestPki PKI = TestPki.create("berth-token-ca");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFRESH_TOKEN = "identity-token-for-alice-7f3a";

    @TempDir
    static Path work;

    private static TokenIssuer issuer;
    private static RegistryServer registry;
    private static RegistrySeeder seeder;
    private static Image teamImage;
    private static Image publicImage;

    @BeforeAll
    static void start() {
        issuer = TokenIssuer.start(PKI)
                .addUser("alice", "s3cret")
                .addUser("reader", "r3ad")
                .grant("alice", "team/*", "pull", "push", "delete")
                .grant("reader", "team/*", "pull")
                .grant(null, "public/*", "pull")
                .grantCatalog("alice")
                .addRefreshToken(REFRESH_TOKEN, "alice");
        registry = RegistryServer.builder(work).tokenAuth(issuer).start();
        seeder = RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.bearer(issuer));
        teamImage = seeder.pushImage("team/app", "1", 800, 300);
        publicImage = seeder.pushImage("public/tool", "latest", 801, 200);
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
        if (issuer != null) issuer.close();
    }

    @BeforeEach
    void clearIssuerLog() {
        issuer.clearRequests();
    }

    private static RegistryClient connect(Credentials credentials, Recorder wire) throws RegistryException {
        return RealRegistry.plain(registry, credentials, wire);
    }

    @Test
    void pullPushAndDeleteWithScopedTokens() throws Exception {
        RegistryClient client = connect(Credentials.basic("alice", "s3cret"), new Recorder());

        Capabilities caps = client.probeIncludingDeletes(Optional.of("team/app"));
        assertEquals(AuthScheme.BEARER, caps.auth());
        assertEquals(Ability.YES, caps.catalog(), caps.notes());
        assertEquals(Ability.YES, caps.deletes(), caps.notes());

        assertEquals(Digest.parse(teamImage.digest()), client.manifest("team/app", "1").digest());
        Image pushed = TestImages.ociImage(810, 2000);
        for (Content blob : pushed.blobs()) {
            client.uploadBlob("team/new", RealRegistry.digest(blob), blob.size(), () -> new ByteArrayInputStream(blob.bytes()),
                    700, Progress.none());
        }
        client.putManifest("team/new", "v1", RawBytes.of(pushed.manifest().bytes()), MediaType.OCI_MANIFEST);
        assertArrayEquals(pushed.manifest().bytes(), seeder.getManifest("team/new", "v1"));
        assertEquals(DeleteResult.Status.DELETED, client.delete(client.manifest("team/new", "v1").deletable().orElseThrow()).status());
        assertNull(seeder.getManifest("team/new", pushed.digest()));

        Set<String> scopes = new LinkedHashSet<>();
        issuer.requests().forEach(r -> scopes.addAll(r.scopes()));
        assertTrue(scopes.contains("repository:team/app:pull"), scopes.toString());
        assertTrue(scopes.contains("repository:team/new:pull,push"), scopes.toString());
        assertTrue(scopes.contains("repository:team/new:delete"), scopes.toString());
        assertTrue(scopes.contains("registry:catalog:*"), scopes.toString());
        assertTrue(issuer.requests().stream().allMatch(r -> r.method().equals("GET") && "alice".equals(r.user())
                && r.hadAuthorization()), issuer.requests().toString());
        // Each scope is asked for as its own parameter, never several in one (the issuer records them as sent).
        assertTrue(scopes.stream().noneMatch(s -> s.contains(" ")), scopes.toString());
    }

    @Test
    void catalogNeedsTheRegistryCatalogScope() throws Exception {
        Capabilities reader = connect(Credentials.basic("reader", "r3ad"), new Recorder()).probe(Optional.of("team/app"));
        assertEquals(Ability.NO, reader.catalog(), reader.notes());
        assertEquals(AuthScheme.BEARER, reader.auth());

        RegistryClient alice = connect(Credentials.basic("alice", "s3cret"), new Recorder());
        assertEquals(Ability.YES, alice.probe(Optional.of("team/app")).catalog());
        assertTrue(alice.catalog().containsAll(List.of("public/tool", "team/app")));
    }

    @Test
    void tokensAreCachedAcrossCalls() throws Exception {
        RegistryClient client = connect(Credentials.basic("reader", "r3ad"), new Recorder());
        for (int i = 0; i < 10; i++) {
            client.manifest("team/app", "1");
            client.headManifest("team/app", teamImage.digest());
            client.tags("team/app");
            client.blobExists("team/app", Digest.parse(teamImage.config().digest()));
        }
        assertEquals(1, issuer.requests().size(), "40 calls on one repository, one token: " + issuer.requests());
        // Parallel HEADs (one per tag) share the token too.
        for (int i = 0; i < 12; i++) seeder.putManifest("team/app", "same-" + i, teamImage.manifest());
        List<String> pointing = client.tagsPointingAt("team/app", Digest.parse(teamImage.digest()));
        assertTrue(pointing.containsAll(List.of("1", "same-0", "same-11")), pointing.toString());
        assertEquals(1, issuer.requests().size(), issuer.requests().toString());

        client.tags("public/tool");
        assertEquals(2, issuer.requests().size(), "another repository is another scope");
        client.manifest("public/tool", "latest");
        assertEquals(2, issuer.requests().size());
    }

    @Test
    void insufficientScopeAsksOnceMoreForTheUnionThenSucceeds() throws Exception {
        // A caller that under-asks: a manifest PUT sent with only the pull scope. Distribution answers 401
        // insufficient_scope naming pull+push; the client asks the token service once more, for the union.
        Recorder wire = new Recorder();
        OkHttpClient ok = new OkHttpClient.Builder().addNetworkInterceptor(wire).build();
        HttpUrl base = HttpUrl.get(registry.baseUrl() + "/");
        Authorizer authorizer = new Authorizer(Credentials.basic("alice", "s3cret"), new TokenClient(ok, Clock.systemUTC()),
                new TokenCache(Clock.systemUTC()), new RealmGuard(base));
        RegistryHttp http = new RegistryHttp(ok, base, authorizer, new HttpCalls(CancelSignal.none()), RetryPolicy.DEFAULT,
                Duration.ofSeconds(30));
        RegistryClient client = new RegistryClient(registry.hostPort(), http);
        assertEquals(List.of("1"), client.tags("team/app")); // learns the scheme, caches a pull token
        assertEquals(1, issuer.requests().size());
        wire.clear();

        Exchange underScoped = Exchange.of("PUT", http.v2("team/app/manifests/retagged").build(),
                RequestBody.create(teamImage.manifest().bytes(), okhttp3.MediaType.get(TestImages.OCI_MANIFEST)),
                Set.of(Scope.pull("team/app")), "retag team/app");
        try (Response response = http.send(underScoped)) {
            assertEquals(201, response.code());
        }

        assertEquals(2, issuer.requests().size(), "exactly one more token request: " + issuer.requests());
        List<String> asked = issuer.requests().get(1).scopes();
        assertEquals(1, asked.size(), asked.toString());
        assertEquals(Scope.push("team/app"), Scope.tryParse(asked.get(0)).orElseThrow(), "the union: pull and push");
        List<Integer> registryCodes = wire.all().stream().filter(e -> e.url().startsWith(registry.baseUrl()))
                .map(Exchanged::code).toList();
        assertEquals(List.of(401, 201), registryCodes);
        assertArrayEquals(teamImage.manifest().bytes(), seeder.getManifest("team/app", "retagged"));
    }

    @Test
    void missingPermissionIsForbiddenAfterOneUpgradeAttempt() throws Exception {
        RegistryClient client = connect(Credentials.basic("reader", "r3ad"), new Recorder());
        Content blob = TestImages.layer(820, 100);

        RegistryException e = assertThrows(RegistryException.class, () -> client.uploadBlob("team/app",
                RealRegistry.digest(blob), blob.size(), () -> new ByteArrayInputStream(blob.bytes()), 0, Progress.none()));

        // The password is right; what is missing is the push permission. Telling the person to check the
        // password would send them the wrong way.
        assertTrue(e instanceof RegistryException.Forbidden, e.getClass().getSimpleName() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
        assertFalse(e.getMessage().contains("check the username and password"), e.getMessage());
        long pushTokenRequests = issuer.requests().stream().filter(r -> r.scopes().stream().anyMatch(s -> s.contains("push")))
                .count();
        assertEquals(1, pushTokenRequests, "no retry loop: " + issuer.requests());
    }

    @Test
    void permissionGrantedLaterWorksOnTheSameConnection() throws Exception {
        // A refused token must not stay cached: after the administrator grants push, the next try must succeed
        // without reconnecting (and without waiting for the refused token to expire).
        RegistryClient client = connect(Credentials.basic("reader", "r3ad"), new Recorder());
        Content blob = TestImages.layer(825, 100);
        assertThrows(RegistryException.Forbidden.class, () -> client.uploadBlob("team/later", RealRegistry.digest(blob),
                blob.size(), () -> new ByteArrayInputStream(blob.bytes()), 0, Progress.none()));

        issuer.grant("reader", "team/later", "push");
        client.uploadBlob("team/later", RealRegistry.digest(blob), blob.size(), () -> new ByteArrayInputStream(blob.bytes()),
                0, Progress.none());

        assertTrue(seeder.blobExists("team/later", blob.digest()));
    }

    @Test
    void mountAsksForPushOnTheTargetAndPullOnTheSourceInOneToken() throws Exception {
        RegistryClient client = connect(Credentials.basic("alice", "s3cret"), new Recorder());
        Digest layer = Digest.parse(publicImage.layerDigests().get(0));

        assertEquals(MountResult.MOUNTED, client.mountBlob("team/mounted", layer, "public/tool"));

        assertEquals(OptionalLong.of(200), client.blobExists("team/mounted", layer));
        TokenRequest mountToken = issuer.requests().stream().filter(r -> r.scopes().size() == 2).findFirst().orElseThrow();
        assertEquals(Set.of(Scope.push("team/mounted"), Scope.pull("public/tool")),
                Set.copyOf(mountToken.scopes().stream().map(s -> Scope.tryParse(s).orElseThrow()).toList()));
    }

    @Test
    void mountFromARepositoryTheUserCannotReadFallsBackToUpload() throws Exception {
        // alice may push to team/* but not read private/*: Distribution refuses the whole mount request with
        // insufficient_scope. A push must then upload the blob instead, as Docker does.
        Image secret = RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.bearer(issuer))
                .pushImage("private/secret", "1", 850, 150);
        RegistryClient client = connect(Credentials.basic("alice", "s3cret"), new Recorder());
        Digest layer = Digest.parse(secret.layerDigests().get(0));

        assertEquals(MountResult.NOT_MOUNTED, client.mountBlob("team/copy", layer, "private/secret"));

        assertEquals(OptionalLong.empty(), client.blobExists("team/copy", layer), "nothing was mounted");
        Content blob = secret.layers().get(0);
        client.uploadBlob("team/copy", layer, blob.size(), () -> new ByteArrayInputStream(blob.bytes()), 0,
                Progress.none());
        assertEquals(OptionalLong.of(150), client.blobExists("team/copy", layer));
    }

    @Test
    void wrongPasswordAtTheTokenServiceIsOneRequest() throws Exception {
        RegistryClient client = connect(Credentials.basic("alice", "not-her-password"), new Recorder());

        RegistryException.Unauthorized e = assertThrows(RegistryException.Unauthorized.class, () -> client.tags("team/app"));

        assertEquals(1, issuer.requests().size(), issuer.requests().toString());
        assertEquals("alice", issuer.requests().get(0).user());
        assertTrue(e.getMessage().contains("rejected the credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("not-her-password"), e.getMessage());
    }

    @Test
    void anonymousPullWhereTheIssuerAllowsIt() throws Exception {
        RegistryClient client = connect(Credentials.anonymous(), new Recorder());

        ManifestResponse response = client.manifest("public/tool", "latest");
        assertEquals(Digest.parse(publicImage.digest()), response.digest());
        assertEquals(List.of("latest"), client.tags("public/tool"));
        assertTrue(issuer.requests().stream().noneMatch(TokenRequest::hadAuthorization), issuer.requests().toString());

        RegistryException e = assertThrows(RegistryException.class, () -> client.manifest("team/app", "1"));
        assertTrue(e instanceof RegistryException.Unauthorized, e.toString());
        assertTrue(e.getMessage().contains("add a username and password"), e.getMessage());
    }

    @Test
    void identityTokenUsesTheOAuth2RefreshGrant() throws Exception {
        RegistryClient client = connect(new Credentials.IdentityToken("<token>", REFRESH_TOKEN), new Recorder());

        assertEquals(Digest.parse(teamImage.digest()), client.manifest("team/app", "1").digest());
        Content blob = TestImages.layer(830, 500);
        client.uploadBlob("team/identity", RealRegistry.digest(blob), blob.size(), () -> new ByteArrayInputStream(blob.bytes()),
                0, Progress.none());
        assertTrue(seeder.blobExists("team/identity", blob.digest()));

        assertFalse(issuer.requests().isEmpty());
        for (TokenRequest request : issuer.requests()) {
            assertEquals("POST", request.method(), request.toString());
            assertEquals("refresh_token", request.grantType());
            assertEquals("alice", request.user());
            assertFalse(request.hadAuthorization(), "the refresh token goes in the form, not as basic auth");
        }

        RegistryClient unknown = connect(new Credentials.IdentityToken("<token>", "revoked-refresh-token"), new Recorder());
        RegistryException e = assertThrows(RegistryException.Unauthorized.class, () -> unknown.tags("team/app"));
        assertFalse(e.getMessage().contains("revoked-refresh-token"), e.getMessage());
    }

    @Test
    void tokensNeverAppearInExceptionMessages() throws Exception {
        Recorder wire = new Recorder(true);
        List<RegistryException> failures = new ArrayList<>();
        RegistryClient reader = connect(Credentials.basic("reader", "r3ad"), wire);
        RegistryClient identity = connect(new Credentials.IdentityToken("<token>", REFRESH_TOKEN), wire);
        Content blob = TestImages.layer(840, 50);
        List<ThrowingCall> calls = List.of(
                () -> reader.manifest("team/app", "no-such-tag"),
                () -> reader.headManifest("team/app", "no-such-tag"),
                () -> reader.catalog(),
                () -> reader.manifest("other/private", "1"),
                () -> reader.putManifest("team/app", "x", RawBytes.of(teamImage.manifest().bytes()), MediaType.OCI_MANIFEST),
                () -> reader.uploadBlob("team/app", RealRegistry.digest(blob), blob.size(),
                        () -> new ByteArrayInputStream(blob.bytes()), 0, Progress.none()),
                () -> reader.delete(reader.manifest("team/app", "1").deletable().orElseThrow()),
                () -> identity.manifest("team/app", "missing"),
                () -> identity.manifest("other/private", "1"));
        for (ThrowingCall call : calls) {
            try {
                call.run();
            } catch (RegistryException e) {
                failures.add(e);
            }
        }
        assertTrue(failures.size() >= calls.size() - 1, "most calls must fail: " + failures);

        Set<String> secrets = new LinkedHashSet<>(List.of("r3ad", REFRESH_TOKEN));
        for (Exchanged e : wire.all()) {
            if (e.authorization() != null && e.authorization().startsWith("Bearer ")) secrets.add(e.authorization().substring(7));
            if (e.url().startsWith(issuer.realm()) && e.code() == 200) {
                JsonNode body = JSON.readTree(e.responseBody());
                for (String field : List.of("token", "access_token", "refresh_token")) {
                    if (body.hasNonNull(field)) secrets.add(body.get(field).asText());
                }
            }
        }
        assertTrue(secrets.size() >= 4, "tokens were seen on the wire: " + secrets.size());
        for (RegistryException failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                String text = t + " " + t.getMessage();
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), "a secret leaked into: " + text);
                    // JWTs are three base64 parts: no part of one may appear either.
                    for (String part : secret.split("\\.")) {
                        if (part.length() > 20) assertFalse(text.contains(part), "part of a token leaked into: " + text);
                    }
                }
            }
            assertFalse(failure.errors().toString().contains("eyJ"), failure.errors().toString());
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws IOException;
    }
}
