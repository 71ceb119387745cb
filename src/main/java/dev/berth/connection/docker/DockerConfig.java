package dev.berth.connection.docker;

import dev.berth.platform.UserHome;
import dev.berth.registry.auth.Credentials;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The credential-related part of Docker's {@code config.json}; everything else in the file
 * (proxies, formats, plugins) is ignored.
 *
 * @param source      the file this was read from (it may not exist: a missing file is an empty config)
 * @param auths       {@code auths} by their key exactly as written in the file, in file order
 * @param credsStore  the default credential helper suffix ({@code "pass"} → {@code docker-credential-pass})
 * @param credHelpers per-registry helper suffixes, keyed by {@link DockerHosts#normalise normalised} host
 */
public record DockerConfig(
        Path source, Map<String, AuthEntry> auths, Optional<String> credsStore, Map<String, String> credHelpers) {

    /**
     * One {@code auths} entry. Entries written by Docker while a credsStore is in use are empty
     * markers (<code>{}</code>) and carry no credentials.
     */
    public record AuthEntry(String key, Optional<Credentials> credentials) {
        public AuthEntry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(credentials, "credentials");
        }

        public String registryHost() {
            return DockerHosts.normalise(key);
        }
    }

    public DockerConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(credsStore, "credsStore");
        // Keep file order: when two keys name the same registry the first one wins, predictably.
        auths = Collections.unmodifiableMap(new LinkedHashMap<>(auths));
        credHelpers = Collections.unmodifiableMap(new LinkedHashMap<>(credHelpers));
    }

    public static DockerConfig empty(Path source) {
        return new DockerConfig(source, Map.of(), Optional.empty(), Map.of());
    }

    /**
     * Where Docker looks for config.json: {@code $DOCKER_CONFIG/config.json}, else
     * {@code ~/.docker/config.json}. Environment and home are parameters so tests need not touch
     * the real ones.
     */
    public static Path locate(Map<String, String> env, Path home) {
        String dir = env.getOrDefault("DOCKER_CONFIG", "");
        Path base = dir.isBlank() ? home.resolve(".docker") : Path.of(dir);
        return base.resolve("config.json");
    }

    /** Reads the config Docker itself would read for this process. */
    public static DockerConfig loadDefault() throws DockerConfigException {
        return load(locate(System.getenv(), UserHome.current()));
    }

    /** Reads {@code file}; a missing file is an empty config, as it is for Docker. */
    public static DockerConfig load(Path file) throws DockerConfigException {
        return DockerConfigParser.read(file);
    }

    /** The helper suffix {@code credHelpers} assigns to this registry. */
    public Optional<String> credHelperFor(String registryHost) {
        return Optional.ofNullable(credHelpers.get(DockerHosts.normalise(registryHost)));
    }

    /**
     * The {@code auths} entry for a registry: an exact key in one of the spellings Docker writes,
     * else the first key that names the same host (as Docker's own lookup does).
     */
    public Optional<AuthEntry> authFor(String registryHost) {
        for (String key : DockerHosts.keysFor(registryHost)) {
            AuthEntry exact = auths.get(key);
            if (exact != null) return Optional.of(exact);
        }
        String host = DockerHosts.normalise(registryHost);
        return auths.values().stream().filter(e -> e.registryHost().equals(host)).findFirst();
    }
}
