package dev.berth.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Retry-After} comes as delay-seconds or as an HTTP date (RFC 9110 §10.2.3); both mean "wait this long". */
class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "Retry-After: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            120                             | PT2M
            0                               | PT0S
            -5                              | PT0S
            Wed, 21 Oct 2015 07:30:00 GMT   | PT2M
            Wed, 21 Oct 2015 07:28:00 GMT   | PT0S
            Tue, 20 Oct 2015 07:28:00 GMT   | PT0S
            Wednesday, 21-Oct-15 07:29:00 GMT | PT1M
            Wed Oct 21 07:28:30 2015        | PT30S
            """)
    void secondsAndDatesAreBothAWait(String header, Duration expected) {
        assertEquals(Optional.of(expected), ErrorResponses.retryAfter(response(header), NOW));
    }

    @ParameterizedTest(name = "Retry-After: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            soon
            99999999999999999999999
            Wed, 32 Oct 2015 07:28:00 GMT
            """)
    void anythingElseIsNoAdvice(String header) {
        assertEquals(Optional.empty(), ErrorResponses.retryAfter(response(header), NOW));
    }

    private static Response response(String retryAfter) {
        return new Response.Builder().request(new Request.Builder().url("http://localhost/v2/").build())
                .protocol(Protocol.HTTP_1_1).code(503).message("busy").header("Retry-After", retryAfter).build();
    }
}
