package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.connection.ConfigDirectories;
import dev.berth.registry.RegistryClients;
import dev.berth.connection.ConnectionService;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the first window must not wait for. The HTTP client (OkHttp, the JDK's trust store, TLS set-up) took over a
 * second of the FX thread's start on a busy machine: the app's connections build it on first use, which is always
 * a background task (loading the saved connections, the localhost probe, a connection test).
 */
class StartPathTest {

    @TempDir
    Path home;

    @Test
    void theUsersConnectionsBuildTheirHttpClientOnFirstUseNotWhenTheWindowIsBuilt() {
        AtomicInteger built = new AtomicInteger();
        Map<String, String> environment = Map.of("DOCKER_CONFIG", home.resolve("docker").toString());
        ConnectionService connections = AppServices.userConnections(() -> {
            built.incrementAndGet();
            return new RegistryClients();
        }, ConfigDirectories.of("Linux", environment, home), home, environment);

        assertEquals(0, built.get(), "the HTTP client was built with the connections, on the start path");
        connections.localhostCandidate();
        connections.localhostCandidate();
        assertEquals(1, built.get(), "the HTTP client is built once, when first needed");
    }
}
