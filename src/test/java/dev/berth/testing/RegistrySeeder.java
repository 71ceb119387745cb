package dev.berth.testing;

import dev.berth.testing.TestImages.Content;
import dev.berth.testing.TestImages.Image;
import dev.berth.testing.TestImages.Index;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;

/**
 * Pushes {@link TestImages} content into a registry with plain OkHttp, independently of the app's own client
 * (so app tests never depend on the code they test to set up their data).
 */
public final class RegistrySeeder {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final String ACCEPT = String.join(", ", TestImages.OCI_INDEX, TestImages.OCI_MANIFEST,
            TestImages.DOCKER_LIST, TestImages.DOCKER_MANIFEST);

    private final HttpUrl base;
    private final OkHttpClient client;
    private final Function<String, String> authorization;

    /** {@code authorization}: repository name → Authorization header value, or null for none. */
    private RegistrySeeder(HttpUrl base, OkHttpClient client, Function<String, String> authorization) {
        this.base = base;
        this.client = client;
        this.authorization = authorization;
    }

    /** A seeder for {@code baseUrl} (e.g. {@code http://127.0.0.1:5000}) using {@code client}, without auth. */
    public static RegistrySeeder of(String baseUrl, OkHttpClient client) {
        return new RegistrySeeder(HttpUrl.get(baseUrl), client, repo -> null);
    }

    /** A seeder for {@code server} using its client (which trusts the test pki when TLS is on), without auth. */
    public static RegistrySeeder of(RegistryServer server) {
        return of(server.baseUrl(), server.client());
    }

    /** The same seeder sending {@code header} (e.g. {@link #basic}) as Authorization on every request. */
    public RegistrySeeder withAuthorization(Supplier<String> header) {
        Objects.requireNonNull(header);
        return new RegistrySeeder(base, client, repo -> header.get());
    }

    /** The same seeder asking {@code headerForRepository} for each request's Authorization value (null: none). */
    public RegistrySeeder withAuthorization(Function<String, String> headerForRepository) {
        return new RegistrySeeder(base, client, Objects.requireNonNull(headerForRepository));
    }

    /** "Basic base64(user:password)". */
    public static Supplier<String> basic(String user, String password) {
        String value = Credentials.basic(user, password);
        return () -> value;
    }

    /**
     * Bearer tokens minted in-process by {@code issuer} ({@link TokenIssuer#mintToken}) granting pull, push and
     * delete on the repository being seeded: bypasses the issuer's grants and leaves its request log alone.
     */
    public static Function<String, String> bearer(TokenIssuer issuer) {
        Map<String, String> cache = new ConcurrentHashMap<>();
        return repo -> cache.computeIfAbsent(repo,
                r -> "Bearer " + issuer.mintToken("seeder", "repository:" + r + ":pull,push,delete"));
    }

    /**
     * Bearer tokens fetched over HTTP from {@code issuer} (GET realm with basic credentials) for pull and push
     * on the repository being seeded: goes through the issuer's users and grants, and is recorded.
     */
    public static Function<String, String> bearerFetched(TokenIssuer issuer, String user, String password) {
        OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
        return repo -> {
            HttpUrl url = HttpUrl.get(issuer.realm()).newBuilder().addQueryParameter("service", issuer.service())
                    .addQueryParameter("scope", "repository:" + repo + ":pull,push").build();
            Request request = new Request.Builder().url(url).header("Authorization", Credentials.basic(user, password)).build();
            try (Response response = http.newCall(request).execute()) {
                String body = response.body().string();
                if (response.code() != 200) throw new IllegalStateException("token request → " + response.code() + " " + body);
                return "Bearer " + new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("token").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A client trusting {@code pki}'s root (and nothing else) for TLS, following no redirects. */
    public static OkHttpClient trusting(TestPki pki) {
        HandshakeCertificates trust = new HandshakeCertificates.Builder()
                .addTrustedCertificate(pki.root().certificate()).build();
        return new OkHttpClient.Builder()
                .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
                .followRedirects(false)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .build();
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Pushes {@code image}'s blobs and manifest, tagged {@code tag} (or by digest only when {@code tag} is
     * null); returns the image, which holds the manifest digest, layer digests and sizes.
     */
    public Image pushImage(String repo, String tag, Image image) {
        image.blobs().forEach(blob -> pushBlob(repo, blob));
        putManifest(repo, tag != null ? tag : image.digest(), image.manifest());
        return image;
    }

    /** Pushes a fresh OCI linux/amd64 image with layers of the given sizes, derived from {@code seed}. */
    public Image pushImage(String repo, String tag, long seed, int... layerSizes) {
        return pushImage(repo, tag, TestImages.ociImage(seed, layerSizes));
    }

    /** Pushes every child (blobs, then manifest by digest), then the index under {@code tag} (null: by digest). */
    public Index pushIndex(String repo, String tag, Index index) {
        index.children().forEach(child -> pushImage(repo, null, child));
        putManifest(repo, tag != null ? tag : index.digest(), index.manifest());
        return index;
    }

    /** Puts manifest bytes under {@code tag}; returns the digest the registry reports. */
    public String tag(String repo, String tag, byte[] manifestBytes, String mediaType) {
        return putManifest(repo, tag, Content.of(mediaType, manifestBytes));
    }

    /**
     * {@code PUT /v2/<repo>/manifests/<reference>} with the manifest's media type as Content-Type; checks and
     * returns the {@code Docker-Content-Digest}.
     */
    public String putManifest(String repo, String reference, Content manifest) {
        HttpUrl url = url(repo, "manifests/" + reference);
        Request request = request(repo, url).put(RequestBody.create(manifest.bytes(), MediaType.get(manifest.mediaType())))
                .build();
        try (Response response = client.newCall(request).execute()) {
            expect(response, 201);
            String digest = response.header("Docker-Content-Digest");
            if (!manifest.digest().equals(digest)) {
                throw new IllegalStateException("registry stored " + digest + " for " + manifest.digest());
            }
            return digest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Monolithic upload: {@code POST …/blobs/uploads/} then {@code PUT <Location>&digest=}; skipped if present. */
    public void pushBlob(String repo, Content blob) {
        if (blobExists(repo, blob.digest())) return;
        Request start = request(repo, url(repo, "blobs/uploads/")).post(RequestBody.create(new byte[0])).build();
        HttpUrl location;
        try (Response response = client.newCall(start).execute()) {
            expect(response, 202);
            String header = response.header("Location");
            if (header == null) throw new IllegalStateException("upload started without Location");
            // Location may be relative (T11): resolve it against the request URL.
            location = response.request().url().resolve(header);
            if (location == null) throw new IllegalStateException("bad Location " + header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Request finish = request(repo, location.newBuilder().addQueryParameter("digest", blob.digest()).build())
                .put(RequestBody.create(blob.bytes(), OCTET_STREAM)).build();
        try (Response response = client.newCall(finish).execute()) {
            expect(response, 201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean blobExists(String repo, String digest) {
        Request head = request(repo, url(repo, "blobs/" + digest)).head().build();
        try (Response response = client.newCall(head).execute()) {
            if (response.code() == 200) return true;
            if (response.code() == 404) return false;
            throw failure(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code DELETE /v2/<repo>/manifests/<digest>}; returns the status (202 deleted, 405 deletes disabled…). */
    public int deleteManifest(String repo, String digest) {
        Request delete = request(repo, url(repo, "manifests/" + digest)).delete().build();
        try (Response response = client.newCall(delete).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET} a manifest with the full Accept list; returns the raw bytes (null on 404). */
    public byte[] getManifest(String repo, String reference) {
        Request get = request(repo, url(repo, "manifests/" + reference)).header("Accept", ACCEPT).build();
        try (Response response = client.newCall(get).execute()) {
            if (response.code() == 404) return null;
            expect(response, 200);
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private HttpUrl url(String repo, String rest) {
        // Repository names hold '/': add them as separate literal segments (T17).
        return base.newBuilder().addPathSegments("v2/" + repo + "/" + rest).build();
    }

    private Request.Builder request(String repo, HttpUrl url) {
        Request.Builder builder = new Request.Builder().url(url);
        String auth = authorization.apply(repo);
        if (auth != null) builder.header("Authorization", auth);
        return builder;
    }

    private static void expect(Response response, int code) throws IOException {
        if (response.code() != code) throw failure(response);
    }

    private static IllegalStateException failure(Response response) throws IOException {
        String body = response.peekBody(64 * 1024).string();
        return new IllegalStateException(response.request().method() + " " + response.request().url() + " → "
                + response.code() + " " + response.headers("WWW-Authenticate") + " " + body);
    }
}
