package dev.berth.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.Names;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.registry.http.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A registry whose catalog and tag lists hold names no real registry accepts (escape sequences,
 * a newline, {@code ..}, upper case, too long), or that never end. Everything else it answers
 * like a tiny registry with one image, so scans and deletes can be tried against it. A real
 * Distribution refuses such names on push, hence a MockWebServer.
 */
public final class HostileNamesRegistry implements AutoCloseable, AfterEachCallback {

    public static final String VALID_REPOSITORY = "ok/repo";
    public static final List<String> INVALID_REPOSITORIES = List.of("evil\u001b]0;pwned\u0007", "a\nfake", "../../v2/x", "UPPER",
            "x".repeat(300), "csi\u009b2Jclear", "del\u007fete", "ok/repo/..", "bidi\u202eoknil");
    public static final List<String> VALID_TAGS = List.of("v1", "Latest_2");
    public static final List<String> INVALID_TAGS = List.of("evil\u001b]0;pwned\u0007", "a\nfake", "..", "../../x", "-dash",
            "t".repeat(129), "sp ace", "q?x=1");

    /** sha256 of "{}", the config blob. */
    private static final String CONFIG = "{}";
    private static final String MANIFEST = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":2},"layers":[]}"""
            .formatted(Digest.sha256(CONFIG.getBytes(StandardCharsets.UTF_8)));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean endless;
    private volatile int namesPerPage = 1000;

    /** Started at once; as a JUnit {@code @RegisterExtension} field it stops after each test. */
    public HostileNamesRegistry() {
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
    }

    /** From now on the catalog and every tag list send page after page of new names, with a next link for ever. */
    public HostileNamesRegistry endless(int perPage) {
        this.endless = true;
        this.namesPerPage = perPage;
        return this;
    }

    /** Invalid names first: whatever takes "the first repository" (the capability probe) gets an invalid one. */
    public static List<String> allRepositories() {
        return java.util.stream.Stream.concat(INVALID_REPOSITORIES.stream(), java.util.stream.Stream.of(VALID_REPOSITORY)).toList();
    }

    public static List<String> allTags() {
        return java.util.stream.Stream.concat(VALID_TAGS.stream(), INVALID_TAGS.stream()).toList();
    }

    public String host() {
        return server.getHostName() + ":" + server.getPort();
    }

    public RegistryClient connect() throws RegistryException {
        return new RegistryClients(new OkHttpClient(), Clock.systemUTC(), RetryPolicy.NONE)
                .connect(ConnectionSettings.of(host()).withPlainHttp(true, false));
    }

    /** Every request's path and query as sent, e.g. {@code /v2/ok/repo/tags/list?n=1000}. */
    public List<String> requestTargets() {
        return requests.stream().map(RecordedRequest::getTarget).toList();
    }

    /**
     * Requests that went anywhere but the version check, the catalog and the valid tags, manifests
     * and blobs of the one valid repository: each one was built from an invalid name.
     */
    public List<String> requestsFromInvalidNames() {
        return requestTargets().stream().map(t -> t.replaceFirst("\\?.*", "")).filter(path -> !path.equals("/v2/")
                && !path.equals("/v2/_catalog") && !path.equals("/v2/ok/repo/tags/list")
                && !path.startsWith("/v2/ok/repo/blobs/sha256:") && !path.startsWith("/v2/ok/repo/referrers/sha256:")
                && !path.startsWith("/v2/ok/repo/manifests/sha256:")
                && !(path.startsWith("/v2/ok/repo/manifests/") && Names.isValidTag(path.substring("/v2/ok/repo/manifests/".length()))))
                .toList();
    }

    public int requestCount() {
        return requests.size();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/v2/")) return json("{}");
        if (path.equals("/v2/_catalog")) return list(request, "repositories", allRepositories(), "repo-");
        if (path.endsWith("/tags/list")) return list(request, "tags", allTags(), "tag-");
        if (path.startsWith("/v2/ok/repo/manifests/")) {
            if (request.getMethod().equals("DELETE")) return new MockResponse.Builder().code(202).build();
            MockResponse.Builder manifest = new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", MediaType.OCI_MANIFEST.value())
                    .addHeader("Docker-Content-Digest", Digest.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8)).toString());
            return request.getMethod().equals("HEAD") ? manifest.addHeader("Content-Length", MANIFEST.length()).build()
                    : manifest.body(MANIFEST).build();
        }
        if (path.startsWith("/v2/ok/repo/blobs/")) return new MockResponse.Builder().code(200).body(CONFIG).build();
        // The error text carries an escape sequence too: error messages echo it.
        return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
                .body("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"no such thing \\u001b]0;pwned\\u0007\"}]}").build();
    }

    private MockResponse list(RecordedRequest request, String field, List<String> names, String prefix) {
        if (!endless) return json(body(field, names));
        String last = request.getUrl().queryParameter("last");
        int page = last == null ? 0 : Integer.parseInt(last);
        // Long distinct names, so that both the name count and the character count grow fast.
        List<String> fresh = IntStream.range(0, namesPerPage).mapToObj(i -> prefix + page + "-" + i + "-" + "a".repeat(100)).toList();
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("Link", "<" + request.getUrl().encodedPath() + "?last=" + (page + 1) + ">; rel=\"next\"")
                .body(body(field, fresh)).build();
    }

    private static String body(String field, List<String> names) {
        try {
            return JSON.writeValueAsString(Map.of(field, names));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.close();
    }
}
