package dev.berth.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the local engine as the docker CLI and Podman would: {@code DOCKER_HOST} when it is set
 * (and then nothing else), otherwise Docker's socket, rootless Docker's, and Podman's
 * Docker-compatible sockets (rootless under {@code $XDG_RUNTIME_DIR}, then the system one). The
 * first that answers a ping within a short time is used.
 */
public final class EngineLocator {

    /** A local engine answers a ping at once; a long wait means nothing useful is there. */
    static final Duration PROBE = Duration.ofSeconds(3);

    static final String START_ONE = "Start Docker, or Podman's API service with `systemctl --user start podman.socket` "
            + "(as root: `systemctl start podman.socket`), or set DOCKER_HOST to the engine's socket.";

    private final Map<String, String> environment;
    private final List<Path> systemSockets;

    /** Looks where Docker and Podman put their sockets on this machine, honouring {@code environment}'s DOCKER_HOST and XDG_RUNTIME_DIR. */
    public EngineLocator(Map<String, String> environment) {
        this(environment, List.of(Path.of("/var/run/docker.sock"), Path.of("/run/podman/podman.sock")));
    }

    /** {@code systemSockets}: Docker's system socket, then Podman's, replaced in tests. */
    EngineLocator(Map<String, String> environment, List<Path> systemSockets) {
        this.environment = Map.copyOf(environment);
        this.systemSockets = List.copyOf(systemSockets);
    }

    public static EngineLocator system() {
        return new EngineLocator(System.getenv());
    }

    /** Where an engine is looked for, in order. */
    public List<EngineAddress> candidates() throws EngineException {
        String dockerHost = environment.getOrDefault("DOCKER_HOST", "").trim();
        if (!dockerHost.isEmpty()) return List.of(fromDockerHost(dockerHost));
        List<EngineAddress> candidates = new ArrayList<>();
        candidates.add(EngineAddress.socket(systemSockets.get(0), "Docker"));
        String runtimeDir = environment.getOrDefault("XDG_RUNTIME_DIR", "").trim();
        if (!runtimeDir.isEmpty()) {
            candidates.add(EngineAddress.socket(Path.of(runtimeDir, "docker.sock"), "rootless Docker"));
            candidates.add(EngineAddress.socket(Path.of(runtimeDir, "podman", "podman.sock"), "Podman, rootless"));
        }
        candidates.add(EngineAddress.socket(systemSockets.get(1), "Podman"));
        return candidates;
    }

    /** The first engine that answers; {@link EngineException.NoEngine} saying where it looked and what to start. */
    public Engine connect() throws EngineException {
        List<String> tried = new ArrayList<>();
        for (EngineAddress address : candidates()) {
            if (!address.mayAnswer()) {
                tried.add(address + ": no socket");
                continue;
            }
            Engine engine = Engine.connect(address);
            try {
                engine.ping(PROBE);
                return engine;
            } catch (EngineException e) {
                engine.close();
                tried.add(address + ": " + e.getMessage());
            }
        }
        throw new EngineException.NoEngine("No Docker or Podman engine found. Looked at " + String.join("; ", tried) + ". " + START_ONE);
    }

    private EngineAddress fromDockerHost(String value) throws EngineException {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new EngineException("DOCKER_HOST=" + value + " is not an address: " + e.getReason() + ". Use unix:///path/to/docker.sock or tcp://HOST:PORT.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                if (uri.getPath() == null || uri.getPath().isEmpty()) throw new EngineException("DOCKER_HOST=" + value + " names no socket file: write unix:///path/to/docker.sock.");
            }
            case "tcp" -> {
                if (uri.getHost() == null || uri.getPort() < 0) throw new EngineException("DOCKER_HOST=" + value + " needs a host and port: write tcp://HOST:PORT.");
                if (isSet("DOCKER_TLS_VERIFY")) {
                    throw new EngineException("DOCKER_HOST=" + value + " asks for TLS (DOCKER_TLS_VERIFY is set), which Berth does not speak to an engine yet. "
                            + "Use the engine's unix socket, or an SSH tunnel to it.");
                }
            }
            default -> throw new EngineException("DOCKER_HOST=" + value + " uses " + (scheme.isEmpty() ? "no scheme" : scheme + "://")
                    + ", which Berth cannot reach. Use unix:///path/to/docker.sock or tcp://HOST:PORT.");
        }
        return new EngineAddress(uri, "DOCKER_HOST");
    }

    private boolean isSet(String variable) {
        String value = environment.getOrDefault(variable, "").trim();
        return !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }
}
