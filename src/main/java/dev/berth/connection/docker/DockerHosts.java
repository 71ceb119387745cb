package dev.berth.connection.docker;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How Docker names registries. config.json keys come in many spellings ({@code localhost:5000},
 * {@code https://ghcr.io}, {@code http://host:5000/v2/}, Docker Hub's legacy
 * {@code https://index.docker.io/v1/}); Berth compares them as a plain {@code host[:port]}.
 */
public final class DockerHosts {

    /** The name Berth uses for Docker Hub in lists, whatever spelling config.json used. */
    public static final String DOCKER_HUB = "docker.io";

    /** Docker Hub's key in config.json and in credential helpers (a v1-era URL Docker never changed). */
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    /** The host that actually answers Docker Hub's /v2/ API. */
    public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

    private static final Set<String> HUB_ALIASES = Set.of(DOCKER_HUB, "index.docker.io", DOCKER_HUB_API_HOST);

    private DockerHosts() {}

    /**
     * Reduces a config.json key or a user-typed address to a lower-case {@code host[:port]}; every
     * Docker Hub alias becomes {@link #DOCKER_HUB}. Scheme, user info and path are dropped, the
     * port is kept (Docker treats {@code host} and {@code host:443} as different registries).
     */
    public static String normalise(String keyOrHost) {
        String s = keyOrHost.strip();
        int scheme = s.indexOf("://");
        if (scheme >= 0) s = s.substring(scheme + 3);
        int slash = s.indexOf('/');
        if (slash >= 0) s = s.substring(0, slash);
        int at = s.lastIndexOf('@');
        if (at >= 0) s = s.substring(at + 1);
        s = s.toLowerCase(Locale.ROOT);
        return HUB_ALIASES.contains(s) ? DOCKER_HUB : s;
    }

    public static boolean isDockerHub(String keyOrHost) {
        return normalise(keyOrHost).equals(DOCKER_HUB);
    }

    /**
     * The server URLs under which Docker (and tools imitating it) may have stored credentials for
     * a registry, most likely first. Helpers such as pass match the stored URL byte for byte, so
     * each spelling has to be asked for separately.
     */
    public static List<String> keysFor(String registryHost) {
        String host = normalise(registryHost);
        if (host.isEmpty()) throw new IllegalArgumentException("registry host is empty");
        if (host.equals(DOCKER_HUB)) return List.of(DOCKER_HUB_KEY);
        return List.of(host, "https://" + host, "http://" + host);
    }
}
