package dev.berth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the engine is looked for, and what a person is told when none answers. */
class EngineLocatorTest {

    @Test
    void withoutDockerHostDockerThenPodmanSocketsAreTriedInOrder(@TempDir Path dir) throws Exception {
        EngineLocator locator = new EngineLocator(Map.of("XDG_RUNTIME_DIR", dir.resolve("xdg").toString()),
                List.of(dir.resolve("docker.sock"), dir.resolve("podman.sock")));
        assertEquals(List.of("unix://" + dir.resolve("docker.sock"), "unix://" + dir.resolve("xdg/docker.sock"),
                "unix://" + dir.resolve("xdg/podman/podman.sock"), "unix://" + dir.resolve("podman.sock")),
                locator.candidates().stream().map(a -> a.uri().toString()).toList());
    }

    @Test
    void theDefaultsAreDockersAndPodmansSystemSockets() throws Exception {
        List<String> candidates = new EngineLocator(Map.of()).candidates().stream().map(a -> a.uri().toString()).toList();
        assertEquals(List.of("unix:///var/run/docker.sock", "unix:///run/podman/podman.sock"), candidates);
    }

    @Test
    void dockerHostIsTheOnlyPlaceTriedWhenSet(@TempDir Path dir) throws Exception {
        EngineLocator locator = new EngineLocator(Map.of("DOCKER_HOST", "unix://" + dir.resolve("engine.sock"), "XDG_RUNTIME_DIR", dir.toString()),
                List.of(dir.resolve("docker.sock"), dir.resolve("podman.sock")));
        assertEquals(List.of("unix://" + dir.resolve("engine.sock")), locator.candidates().stream().map(a -> a.uri().toString()).toList());
    }

    @Test
    void noEngineSaysWhereItLookedAndWhatToStart(@TempDir Path dir) {
        EngineLocator locator = new EngineLocator(Map.of("XDG_RUNTIME_DIR", dir.toString()),
                List.of(dir.resolve("docker.sock"), dir.resolve("podman.sock")));
        EngineException.NoEngine e = assertThrows(EngineException.NoEngine.class, locator::connect);
        assertTrue(e.getMessage().startsWith("No Docker or Podman engine found."), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("podman/podman.sock").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("systemctl --user start podman.socket"), e.getMessage());
    }

    @Test
    void aDockerHostNobodyListensOnIsNoEngine(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        EngineLocator locator = new EngineLocator(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port), List.of());
        EngineException.NoEngine e = assertThrows(EngineException.NoEngine.class, locator::connect);
        assertTrue(e.getMessage().contains("tcp://127.0.0.1:" + port + " (DOCKER_HOST)"), e.getMessage());

        Path stale = Files.createFile(dir.resolve("stale.sock"));
        EngineLocator staleSocket = new EngineLocator(Map.of("DOCKER_HOST", "unix://" + stale), List.of());
        EngineException.NoEngine gone = assertThrows(EngineException.NoEngine.class, staleSocket::connect);
        assertTrue(gone.getMessage().contains(stale.toString()), gone.getMessage());
    }

    @Test
    void aDockerHostBerthCannotReachIsRefusedInWords() {
        EngineException ssh = assertThrows(EngineException.class,
                () -> new EngineLocator(Map.of("DOCKER_HOST", "ssh://me@build-box")).candidates());
        assertTrue(ssh.getMessage().contains("ssh://") && ssh.getMessage().contains("unix:///"), ssh.getMessage());

        EngineException tls = assertThrows(EngineException.class,
                () -> new EngineLocator(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2376", "DOCKER_TLS_VERIFY", "1")).candidates());
        assertTrue(tls.getMessage().contains("TLS"), tls.getMessage());
    }
}
