package dev.berth.connection;

import dev.berth.connection.docker.DockerHosts;
import dev.berth.registry.tls.TransportSecurity;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * A registry address as a person types or pastes it ({@code https://host:5000/}, {@code host:5000/v2/},
 * {@code ghcr.io/acme/app:1.0}), reduced to the lower-case {@code host[:port]} Berth stores.
 *
 * <p>Scheme, user info, path, query and fragment are dropped; an explicit port is kept (Docker treats
 * {@code host} and {@code host:443} as different registries). Every Docker Hub spelling becomes
 * {@link DockerHosts#DOCKER_HUB}, whose API lives on a different host: see {@link #apiHost()}.
 *
 * @param registry     the canonical {@code host[:port]}, with brackets around an IPv6 literal
 * @param explicitHttp the text said {@code http://}: the person may want plain HTTP, which is only
 *                     allowed for loopback hosts or after an explicit opt-in
 */
public record RegistryAddress(String registry, boolean explicitHttp) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_-]+(?:\\.[a-z0-9_-]+)*");

    /** Web-site and API names people paste for Docker Hub; all mean the one registry. */
    private static final Set<String> DOCKER_HUB_NAMES = Set.of(
            DockerHosts.DOCKER_HUB, "index.docker.io", DockerHosts.DOCKER_HUB_API_HOST, "hub.docker.com",
            "registry.hub.docker.com");

    public RegistryAddress {
        Objects.requireNonNull(registry, "registry");
        if (!canonical(registry).equals(registry)) {
            throw new IllegalArgumentException("'" + registry + "' is not a canonical registry host[:port]");
        }
    }

    /**
     * Reads what a person typed or pasted.
     *
     * @throws IllegalArgumentException with a message for that person when it names no registry
     */
    public static RegistryAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String rest = text.strip();
        boolean http = false;
        Matcher scheme = SCHEME.matcher(rest);
        if (scheme.find()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            if (!name.equals("http") && !name.equals("https")) {
                throw new IllegalArgumentException("Registries are reached over https (or http): '" + name
                        + "://' is not a registry address.");
            }
            http = name.equals("http");
            rest = rest.substring(scheme.end());
        }
        return new RegistryAddress(canonical(rest), http);
    }

    /** Whether {@code text} is an address {@link #parse} accepts. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host that answers the registry API: {@code registry-1.docker.io} for Docker Hub, else the registry. */
    public String apiHost() {
        return isDockerHub() ? DockerHosts.DOCKER_HUB_API_HOST : registry;
    }

    public boolean isDockerHub() {
        return registry.equals(DockerHosts.DOCKER_HUB);
    }

    /** Whether the host is this machine, where plain HTTP needs no opt-in. */
    public boolean isLoopback() {
        return TransportSecurity.isLoopback(hostOnly(registry));
    }

    /** The host without its port (IPv6 literals keep their brackets). */
    static String hostOnly(String registry) {
        if (registry.startsWith("[")) return registry.substring(0, registry.indexOf(']') + 1);
        int colon = registry.lastIndexOf(':');
        return colon < 0 ? registry : registry.substring(0, colon);
    }

    /** {@code host[:port]} from text without a scheme: everything from the first '/', '?' or '#' is dropped. */
    private static String canonical(String withoutScheme) {
        String authority = withoutScheme.strip();
        for (char end : new char[] {'/', '?', '#'}) {
            int at = authority.indexOf(end);
            if (at >= 0) authority = authority.substring(0, at);
        }
        // A user:password@ prefix is never kept: the password would end up in the connections file.
        int at = authority.lastIndexOf('@');
        if (at >= 0) authority = authority.substring(at + 1);
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("Enter a registry address, such as localhost:5000 or ghcr.io.");
        }
        if (authority.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("A registry address has no spaces: '" + authority + "'.");
        }

        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("'" + authority + "' opens a '[' it never closes.");
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) throw new IllegalArgumentException("Unexpected text after ']' in '" + authority + "'.");
                port = after.substring(1);
            }
        } else if (authority.indexOf(':') != authority.lastIndexOf(':')) {
            host = "[" + authority + "]"; // a bare IPv6 literal; it cannot carry a port without brackets
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }

        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
            throw new IllegalArgumentException("'" + port + "' is not a port number (1 to 65535).");
        }
        // OkHttp is what will connect, so its idea of a valid host is the one that counts; it also
        // lower-cases, turns international names into punycode and compresses IPv6.
        HttpUrl url = HttpUrl.parse("https://" + host + "/");
        // Docker's reference grammar and certs.d directory names allow no more than this.
        if (url == null || !(url.host().contains(":") || HOST_NAME.matcher(url.host()).matches())) {
            throw new IllegalArgumentException("'" + host + "' is not a valid host name.");
        }
        String name = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        if (port == null && DOCKER_HUB_NAMES.contains(name)) return DockerHosts.DOCKER_HUB;
        return port == null ? name : name + ":" + Integer.parseInt(port);
    }
}
