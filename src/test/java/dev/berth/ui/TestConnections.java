package dev.berth.ui;

import dev.berth.connection.ConnectionStore;
import dev.berth.connection.ConnectionTester;
import dev.berth.connection.MemorySecretStore;
import dev.berth.connection.SecretStore;
import dev.berth.registry.RegistryClients;
import dev.berth.connection.ConnectionService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Connection services for UI tests: a connections file in a temp directory, secrets in memory. */
public final class TestConnections {

    private TestConnections() {}

    public static ConnectionService inMemory(Path directory) {
        return with(directory, new MemorySecretStore("test: secrets stay in memory"));
    }

    public static ConnectionService with(Path directory, SecretStore secrets) {
        return new ConnectionService(() -> new ConnectionStore(directory.resolve("connections.json"), secrets, Clock.systemUTC()),
                () -> ConnectionTester.standard(new RegistryClients()), directory.resolve("home"),
                Map.of("DOCKER_CONFIG", directory.resolve("docker").toString()), Clock.systemUTC());
    }
}
