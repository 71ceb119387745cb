package dev.berth.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.work.CancelSignal;
import dev.berth.registry.RegistryException;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.auth.RealmGuard;
import dev.berth.registry.auth.TokenCache;
import dev.berth.registry.auth.TokenClient;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries after temporary statuses back off exponentially, or wait as long as the registry asks. */
class RetryBackoffTest {

    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(20));

    private final MockWebServer registry = new MockWebServer();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        registry.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void unavailableIsRetriedWithAGrowingWait() {
        for (int i = 0; i < 4; i++) registry.enqueue(new MockResponse.Builder().code(503).build());

        assertThrows(RegistryException.ProtocolViolation.class, () -> http().send(Exchange.get(url(), Set.of(), "connect")));

        assertEquals(3, pauses.size(), pauses.toString());
        for (int retry = 0; retry < 3; retry++) {
            Duration floor = Duration.ofMillis(100L << retry);
            assertTrue(pauses.get(retry).compareTo(floor) >= 0 && pauses.get(retry).compareTo(floor.multipliedBy(2)) < 0,
                    "retry " + (retry + 1) + " waited " + pauses);
        }
    }

    @Test
    void retryAfterOnUnavailableIsTheWait() {
        registry.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2").build());
        registry.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        sendSucceeds();
        assertEquals(List.of(Duration.ofSeconds(2)), pauses);
    }

    @Test
    void aWaitLongerThanTheDeadlineLeftIsNotWaitedFor() {
        registry.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "10").build());

        assertThrows(RegistryException.ProtocolViolation.class, () -> http().send(Exchange.get(url(), Set.of(), "connect")));
        assertEquals(List.of(), pauses, "a 10 s wait cannot fit a 5 s exchange");
    }

    private void sendSucceeds() {
        try (var response = http().send(Exchange.get(url(), Set.of(), "connect"))) {
            assertEquals(200, response.code());
        } catch (RegistryException e) {
            throw new AssertionError(e);
        }
    }

    private HttpUrl url() {
        return registry.url("/v2/");
    }

    private RegistryHttp http() {
        OkHttpClient client = new OkHttpClient();
        HttpUrl base = registry.url("/");
        Authorizer auth = new Authorizer(Credentials.anonymous(), new TokenClient(client, Clock.systemUTC()),
                new TokenCache(Clock.systemUTC()), new RealmGuard(base));
        return new RegistryHttp(client, base, auth, new HttpCalls(CancelSignal.none()), POLICY, Duration.ofSeconds(5))
                .pausingWith((wait, signal) -> pauses.add(wait));
    }
}
