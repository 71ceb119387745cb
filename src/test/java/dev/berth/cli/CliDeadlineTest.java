package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.RegistryClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --timeout} bounds each whole exchange: a registry dripping its answer cannot hold the command. */
class CliDeadlineTest {

    @TempDir
    Path work;

    private final MockWebServer registry = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        registry.start(InetAddress.getLoopbackAddress(), 0);
        // Headers at once, then a byte every half second: no read ever waits 2 s, the listing would take a minute.
        registry.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body("{\"repositories\":[" + "\"team/app\",".repeat(10) + "\"x\"]}")
                        .throttleBody(1, 500, TimeUnit.MILLISECONDS).build();
            }
        });
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** 20 s: the 2 s deadline plus starting the CLI in-process on a busy machine; without a deadline it takes a minute. */
    @Test
    void reposAgainstADrippingRegistryFailsInBoundedTimeSayingWhatToDo() {
        String hostPort = registry.getHostName() + ":" + registry.getPort();
        StringWriter err = new StringWriter();

        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> BerthCli.run(new CliEnvironment(
                new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()), new PrintWriter(err),
                Map.of("DOCKER_CONFIG", work.resolve("none").toString()), work.resolve("home"), new RegistryClients()),
                "repos", hostPort, "--plain-http", "--timeout", "2"), "a dripping registry held berth repos");

        assertEquals(1, code, err.toString());
        assertTrue(err.toString().contains(hostPort) && err.toString().contains("--timeout"), err.toString());
    }
}
