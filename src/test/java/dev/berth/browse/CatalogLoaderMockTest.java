package dev.berth.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.registry.http.RetryPolicy;
import dev.berth.work.Progress;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a real registry cannot be made to do here: a catalog of 100,000 repositories (seeding one
 * would take an hour), refusals the way Harbor or GHCR answer, a catalog that breaks mid-way.
 */
class CatalogLoaderMockTest {

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RegistryClient connect() throws RegistryException {
        RegistryClients clients = new RegistryClients(new OkHttpClient(), Clock.systemUTC(), RetryPolicy.NONE);
        return clients.connect(ConnectionSettings.of(server.getHostName() + ":" + server.getPort()).withPlainHttp(true, false));
    }

    private void answer(Function<RecordedRequest, MockResponse> answer) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer.apply(request);
            }
        });
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** A Distribution-like catalog of {@code total} names {@code repo-000000…}, paged by {@code n} and {@code last}. */
    private static MockResponse catalog(RecordedRequest request, int total, int maxPage) {
        HttpUrl url = request.getUrl();
        int n = Integer.parseInt(url.queryParameter("n"));
        if (n > maxPage) return json(400, "{\"errors\":[{\"code\":\"PAGINATION_NUMBER_INVALID\",\"message\":\"invalid number of results requested\"}]}");
        String last = url.queryParameter("last");
        int from = last == null ? 0 : Integer.parseInt(last.substring("repo-".length())) + 1;
        int to = Math.min(total, from + n);
        String names = IntStream.range(from, to).mapToObj(i -> "\"repo-%06d\"".formatted(i)).collect(Collectors.joining(","));
        MockResponse.Builder response = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"repositories\":[" + names + "]}");
        if (to < total) {
            response.addHeader("Link", "</v2/_catalog?last=repo-%06d&n=%d>; rel=\"next\"".formatted(to - 1, n));
        }
        return response.build();
    }

    @Test
    void aHundredThousandRepositoriesArriveInAFewBatches() throws Exception {
        int total = 100_000;
        answer(r -> catalog(r, total, 1000));
        List<CatalogBatch> batches = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        CatalogResult.Listed listed = (CatalogResult.Listed) new CatalogLoader(connect(),
                CatalogLoader.Options.defaults().withCountTags(false)).load(batches::add, CancelSignal.none());

        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(total, listed.repositories().size());
        assertEquals("repo-099999", listed.repositories().getLast());
        assertEquals(total, batches.stream().mapToInt(b -> b.repositories().size()).sum());
        int pages = total / 1000;
        assertEquals(pages, requests.size());
        // Never one callback per repository: at most one per page, and far fewer when pages come fast.
        assertTrue(batches.size() <= pages + 1, batches.size() + " batches");
        assertTrue(millis < 30_000, "took " + millis + " ms");
    }

    @Test
    void asksForSmallerPagesWhenThePageSizeIsRefused() throws Exception {
        answer(r -> r.getUrl().encodedPath().endsWith("/_catalog") ? catalog(r, 250, 100)
                : json(200, "{\"name\":\"x\",\"tags\":[\"a\",\"b\"]}"));
        CatalogResult.Listed listed = (CatalogResult.Listed) new CatalogLoader(connect()).load(Progress.none(),
                CancelSignal.none());
        assertEquals(250, listed.repositories().size());
        assertEquals(250, listed.tagCounts().size());
        assertTrue(listed.tagCounts().values().stream().allMatch(c -> c == 2));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "401, UNAUTHORIZED, Unauthorized",
            "403, DENIED, Forbidden",
            "404, NOT_FOUND, NotFound",
            "405, UNSUPPORTED, Unsupported",
    })
    void aRefusedCatalogMeansAddRepositoriesByName(int status, String code, String type) throws Exception {
        answer(r -> json(status, "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"no catalog for you\"}]}"));
        CatalogResult result = new CatalogLoader(connect()).load(Progress.none(), CancelSignal.none());
        CatalogResult.NotListed notListed = assertInstanceOf(CatalogResult.NotListed.class, result);
        assertEquals(type, notListed.reason().getClass().getSimpleName());
    }

    @Test
    void aPlainTextNotFoundAlsoMeansNoCatalog() throws Exception {
        answer(r -> new MockResponse.Builder().code(404).addHeader("Content-Type", "text/plain").body("404 page not found\n").build());
        assertInstanceOf(CatalogResult.NotListed.class, new CatalogLoader(connect()).load(Progress.none(), CancelSignal.none()));
    }

    @Test
    void aFailingFirstPageIsAnError() throws Exception {
        answer(r -> json(500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"storage on fire\"}]}"));
        assertThrows(RegistryException.class, () -> new CatalogLoader(connect()).load(Progress.none(), CancelSignal.none()));
    }

    @Test
    void aCatalogBreakingMidWayKeepsWhatArrived() throws Exception {
        answer(r -> {
            if (r.getUrl().encodedPath().endsWith("/_catalog")) {
                return r.getUrl().queryParameter("last") == null ? catalog(r, 300, 1000)
                        : json(500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"storage on fire\"}]}");
            }
            return json(200, "{\"name\":\"x\",\"tags\":[\"1\"]}");
        });
        CatalogResult.Listed listed = (CatalogResult.Listed) new CatalogLoader(connect(),
                CatalogLoader.Options.defaults().withPageSize(100)).load(Progress.none(), CancelSignal.none());
        assertEquals(100, listed.repositories().size());
        assertEquals(100, listed.tagCounts().size());
        assertTrue(listed.truncatedBy().isPresent());
        assertTrue(!listed.isComplete());
    }

    @Test
    void oneRepositoryFailingDoesNotStopTheOthers() throws Exception {
        answer(r -> {
            String path = r.getUrl().encodedPath();
            if (path.endsWith("/_catalog")) return catalog(r, 50, 1000);
            if (path.contains("repo-000007")) return json(500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"broken\"}]}");
            return json(200, "{\"name\":\"x\",\"tags\":null}");
        });
        CatalogResult.Listed listed = (CatalogResult.Listed) new CatalogLoader(connect()).load(Progress.none(),
                CancelSignal.none());
        assertEquals(49, listed.tagCounts().size());
        assertTrue(listed.tagCounts().values().stream().allMatch(c -> c == 0), "\"tags\": null is an empty repository");
        assertEquals(List.of("repo-000007"), List.copyOf(listed.failures().keySet()));
        assertTrue(listed.isComplete());
    }
}
