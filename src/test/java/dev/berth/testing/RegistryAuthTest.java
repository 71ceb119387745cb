package dev.berth.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testing.TestImages.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The htpasswd+TLS and token-auth registry fixtures against the real Distribution binary. */
class RegistryAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestPki PKI = TestPki.create("berth-test-ca");

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HtpasswdOverTls {
        RegistryServer registry;

        @BeforeAll
        void start(@TempDir Path work) {
            registry = RegistryServer.builder(work).tls(PKI).htpasswd("alice", "s3cret").htpasswd("bob", "hunter2").start();
        }

        @AfterAll
        void stop() {
            registry.close();
        }

        @Test
        void challengesWithBasicAndAcceptsTheRightPassword() throws IOException {
            assertTrue(registry.baseUrl().startsWith("https://127.0.0.1:"));
            try (Response r = ping(registry, null)) {
                assertEquals(401, r.code());
                assertEquals("Basic realm=\"test-realm\"", r.header("WWW-Authenticate"));
            }
            try (Response r = ping(registry, Credentials.basic("alice", "s3cret"))) {
                assertEquals(200, r.code(), registry.logTail());
            }
            try (Response r = ping(registry, Credentials.basic("bob", "hunter2"))) {
                assertEquals(200, r.code());
            }
            try (Response r = ping(registry, Credentials.basic("alice", "wrong"))) {
                assertEquals(401, r.code());
            }
        }

        @Test
        void seederPushesWithBasicAuthOverTls() {
            RegistrySeeder seeder = RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.basic("alice", "s3cret"));
            Image image = seeder.pushImage("secure/app", "1", 60, 300);
            assertArrayEquals(image.manifest().bytes(), seeder.getManifest("secure/app", "1"));
            assertThrows(IllegalStateException.class, () -> RegistrySeeder.of(registry).pushImage("secure/app", "2", 61, 10));
        }

        @Test
        void certificateIsOnlyTrustedThroughThePkiRoot() {
            OkHttpClient defaults = new OkHttpClient();
            assertThrows(SSLException.class, () -> defaults.newCall(
                    new Request.Builder().url(registry.baseUrl() + "/v2/").build()).execute().close());
            OkHttpClient other = RegistrySeeder.trusting(TestPki.create("someone-else"));
            assertThrows(SSLException.class, () -> other.newCall(
                    new Request.Builder().url(registry.baseUrl() + "/v2/").build()).execute().close());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TokenAuth {
        TokenIssuer issuer;
        RegistryServer registry;

        @BeforeAll
        void start(@TempDir Path work) {
            issuer = TokenIssuer.start(PKI)
                    .addUser("alice", "s3cret")
                    .addUser("reader", "r")
                    .grant("alice", "team/*", "pull", "push", "delete")
                    .grant("reader", "team/*", "pull")
                    .grant(null, "public/*", "pull")
                    .grantCatalog("alice");
            registry = RegistryServer.builder(work).tokenAuth(issuer).start();
        }

        @AfterAll
        void stop() {
            registry.close();
            issuer.close();
        }

        @Test
        void pingChallengesWithBearerRealmAndService() throws IOException {
            try (Response r = ping(registry, null)) {
                assertEquals(401, r.code());
                assertEquals("Bearer realm=\"" + issuer.realm() + "\",service=\"test-registry\"", r.header("WWW-Authenticate"));
            }
            assertTrue(issuer.realm().matches("http://127\\.0\\.0\\.1:\\d+/token"));
        }

        @Test
        void tokenFromIssuerIsAcceptedAndMissingActionIsInsufficientScope() throws IOException {
            RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.bearer(issuer)).pushImage("team/app", "1", 70, 100);

            try (Response r = manifest("team/app", "1", null)) {
                assertEquals(401, r.code());
                assertEquals("Bearer realm=\"" + issuer.realm() + "\",service=\"test-registry\","
                        + "scope=\"repository:team/app:pull\"", r.header("WWW-Authenticate"));
            }
            JsonNode answer = tokenGet("reader", "r", "repository:team/app:pull,push");
            String token = answer.path("token").asText();
            assertEquals(token, answer.path("access_token").asText());
            assertTrue(answer.path("expires_in").asLong() > 0);
            assertNotNull(answer.path("issued_at").asText(null));
            JsonNode claims = TokenIssuer.claims(token);
            assertEquals("reader", claims.path("sub").asText());
            assertEquals("test-registry", claims.path("aud").asText());
            assertEquals("[{\"type\":\"repository\",\"name\":\"team/app\",\"actions\":[\"pull\"]}]",
                    claims.path("access").toString());
            assertEquals("RS256", TokenIssuer.header(token).path("alg").asText());

            try (Response r = manifest("team/app", "1", "Bearer " + token)) {
                assertEquals(200, r.code(), registry.logTail());
            }
            // reader has pull only: a push is refused with insufficient_scope.
            try (Response r = registry.client().newCall(new Request.Builder()
                    .url(registry.baseUrl() + "/v2/team/app/blobs/uploads/").header("Authorization", "Bearer " + token)
                    .post(RequestBody.create(new byte[0])).build()).execute()) {
                assertEquals(401, r.code());
                String challenge = r.header("WWW-Authenticate");
                assertTrue(challenge.contains("error=\"insufficient_scope\""), challenge);
                // Distribution 2.8 lists the actions in random order (Go map iteration): pull,push or push,pull.
                assertTrue(challenge.contains("scope=\"repository:team/app:pull,push\"")
                        || challenge.contains("scope=\"repository:team/app:push,pull\""), challenge);
            }
        }

        @Test
        void seederCanUseTokensFetchedFromTheIssuer() {
            issuer.clearRequests();
            RegistrySeeder seeder = RegistrySeeder.of(registry)
                    .withAuthorization(RegistrySeeder.bearerFetched(issuer, "alice", "s3cret"));
            Image image = seeder.pushImage("team/fetched", "1", 75, 50);
            assertArrayEquals(image.manifest().bytes(), seeder.getManifest("team/fetched", "1"));
            assertTrue(issuer.requests().stream().allMatch(r -> "alice".equals(r.user()) && r.hadAuthorization()));
            RegistrySeeder reader = RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.bearerFetched(issuer, "reader", "r"));
            assertThrows(IllegalStateException.class, () -> reader.pushImage("team/fetched", "2", 76, 50));
        }

        @Test
        void catalogNeedsTheRegistryScope() throws IOException {
            String withCatalog = tokenGet("alice", "s3cret", "registry:catalog:*").path("token").asText();
            String without = tokenGet("reader", "r", "registry:catalog:*").path("token").asText();
            assertEquals("[]", TokenIssuer.claims(without).path("access").toString());
            try (Response r = get("/v2/_catalog", "Bearer " + withCatalog)) {
                assertEquals(200, r.code(), registry.logTail());
            }
            try (Response r = get("/v2/_catalog", "Bearer " + without)) {
                assertEquals(401, r.code());
                assertTrue(r.header("WWW-Authenticate").contains("insufficient_scope"));
            }
        }

        @Test
        void anonymousTokensAndWrongPasswords() throws IOException {
            issuer.clearRequests();
            HttpUrl url = HttpUrl.get(issuer.realm()).newBuilder().addQueryParameter("service", "test-registry")
                    .addQueryParameter("scope", "repository:public/x:pull,push")
                    .addQueryParameter("scope", "repository:team/app:pull").build();
            try (Response r = new OkHttpClient().newCall(new Request.Builder().url(url).build()).execute()) {
                assertEquals(200, r.code());
                JsonNode claims = TokenIssuer.claims(JSON.readTree(r.body().string()).path("token").asText());
                assertEquals("", claims.path("sub").asText());
                assertEquals("[{\"type\":\"repository\",\"name\":\"public/x\",\"actions\":[\"pull\"]}]",
                        claims.path("access").toString());
            }
            try (Response r = new OkHttpClient().newCall(new Request.Builder().url(url)
                    .header("Authorization", Credentials.basic("alice", "nope")).build()).execute()) {
                assertEquals(401, r.code());
                assertTrue(r.body().string().contains("UNAUTHORIZED"));
            }
            assertEquals(List.of(
                    new TokenIssuer.TokenRequest("GET", false, null,
                            List.of("repository:public/x:pull,push", "repository:team/app:pull"), null),
                    new TokenIssuer.TokenRequest("GET", true, "alice",
                            List.of("repository:public/x:pull,push", "repository:team/app:pull"), null)),
                    issuer.requests());
        }

        @Test
        void oauth2PasswordAndRefreshGrants() throws IOException {
            issuer.addRefreshToken("identity-token-1", "alice");
            JsonNode password = tokenPost(new FormBody.Builder().add("grant_type", "password").add("service", "test-registry")
                    .add("client_id", "berth").add("username", "alice").add("password", "s3cret")
                    .add("scope", "repository:team/app:pull repository:team/other:push").build(), 200);
            assertNotNull(password.path("refresh_token").asText(null));
            assertNull(password.path("token").asText(null));
            assertEquals(2, TokenIssuer.claims(password.path("access_token").asText()).path("access").size());

            JsonNode refreshed = tokenPost(new FormBody.Builder().add("grant_type", "refresh_token")
                    .add("service", "test-registry").add("client_id", "berth").add("refresh_token", "identity-token-1")
                    .add("scope", "repository:team/app:pull").build(), 200);
            String token = refreshed.path("access_token").asText();
            assertEquals("alice", TokenIssuer.claims(token).path("sub").asText());
            try (Response r = manifest("team/app", "missing", "Bearer " + token)) {
                assertEquals(404, r.code()); // authorised, just absent
            }
            // The refresh token handed out by the password grant works too.
            tokenPost(new FormBody.Builder().add("grant_type", "refresh_token").add("service", "test-registry")
                    .add("client_id", "berth").add("refresh_token", password.path("refresh_token").asText()).build(), 200);
            tokenPost(new FormBody.Builder().add("grant_type", "refresh_token").add("service", "test-registry")
                    .add("client_id", "berth").add("refresh_token", "unknown").build(), 401);
            tokenPost(new FormBody.Builder().add("grant_type", "password").add("service", "test-registry")
                    .add("client_id", "berth").add("username", "alice").add("password", "bad").build(), 401);
            TokenIssuer.TokenRequest last = issuer.requests().get(issuer.requests().size() - 1);
            assertEquals(new TokenIssuer.TokenRequest("POST", false, "alice", List.of(), "password"), last);
        }

        @Test
        void tokensSignedOutsideTheBundleAndExpiredTokensAreRejected(@TempDir Path own) throws IOException {
            try (TokenIssuer rogue = TokenIssuer.start(PKI, TestPki.selfSigned("rogue")).grant(null, "*", "*")) {
                String token = rogue.mintToken("x", "repository:team/app:pull");
                try (Response r = manifest("team/app", "1", "Bearer " + token)) {
                    assertEquals(401, r.code());
                }
            }
            // Distribution allows 60 s of clock skew, so "expired" must be well in the past.
            try (TokenIssuer old = TokenIssuer.start(PKI).tokenLifetime(Duration.ofSeconds(-120))) {
                try (Response r = manifest("team/app", "1", "Bearer " + old.mintToken("x", "repository:team/app:pull"))) {
                    assertEquals(401, r.code());
                }
            }
        }

        private Response manifest(String repo, String ref, String authorization) throws IOException {
            return get("/v2/" + repo + "/manifests/" + ref, authorization);
        }

        private Response get(String path, String authorization) throws IOException {
            Request.Builder b = new Request.Builder().url(registry.baseUrl() + path)
                    .header("Accept", TestImages.OCI_MANIFEST + "," + TestImages.OCI_INDEX);
            if (authorization != null) b.header("Authorization", authorization);
            return registry.client().newCall(b.build()).execute();
        }

        private JsonNode tokenGet(String user, String password, String... scopes) throws IOException {
            HttpUrl.Builder url = HttpUrl.get(issuer.realm()).newBuilder().addQueryParameter("service", issuer.service());
            for (String s : scopes) url.addQueryParameter("scope", s);
            try (Response r = new OkHttpClient().newCall(new Request.Builder().url(url.build())
                    .header("Authorization", Credentials.basic(user, password)).build()).execute()) {
                String body = r.body().string();
                assertEquals(200, r.code(), body);
                return JSON.readTree(body);
            }
        }

        private JsonNode tokenPost(FormBody form, int expected) throws IOException {
            try (Response r = new OkHttpClient().newCall(new Request.Builder().url(issuer.realm()).post(form).build())
                    .execute()) {
                String body = r.body().string();
                assertEquals(expected, r.code(), body);
                assertEquals(MediaType.get("application/json"), r.body().contentType());
                return JSON.readTree(body);
            }
        }
    }

    private static Response ping(RegistryServer registry, String authorization) throws IOException {
        Request.Builder b = new Request.Builder().url(registry.baseUrl() + "/v2/");
        if (authorization != null) b.header("Authorization", authorization);
        return registry.client().newCall(b.build()).execute();
    }
}
