package dev.berth.registry.tls;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import okhttp3.HttpUrl;

/**
 * A registry address as Docker writes it ({@code host}, {@code host:port}, {@code [v6]:port}), which is
 * also the name of its {@code certs.d} directory. Validation keeps that name from escaping the root.
 */
record HostPort(String host, OptionalInt port) {

    static final int HTTPS_PORT = 443;

    HostPort {
        if (host.isEmpty()) throw new IllegalArgumentException("empty host");
        boolean ipv6 = host.contains(":");
        String allowed = ipv6 ? "0123456789abcdef:." : "abcdefghijklmnopqrstuvwxyz0123456789.-_";
        if (!host.chars().allMatch(c -> allowed.indexOf(c) >= 0) || host.contains("..") || host.startsWith(".")) {
            throw new IllegalArgumentException("not a valid registry host: '" + host + "'");
        }
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("not a valid port: " + port.getAsInt());
        }
    }

    /** Parses {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 literal. */
    static HostPort parse(String authority) {
        String text = authority.strip().toLowerCase(Locale.ROOT);
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("unclosed '[' in '" + authority + "'");
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) throw new IllegalArgumentException("unexpected text after ']' in '" + authority + "'");
                port = rest.substring(1);
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text; // a bare IPv6 literal cannot carry a port
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (port == null) return new HostPort(host, OptionalInt.empty());
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a valid port in '" + authority + "'");
        }
        return new HostPort(host, OptionalInt.of(Integer.parseInt(port)));
    }

    static HostPort of(HttpUrl url) {
        return new HostPort(url.host().toLowerCase(Locale.ROOT), OptionalInt.of(url.port()));
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    String authority() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        return port.isPresent() ? name + ":" + port.getAsInt() : name;
    }

    /**
     * The {@code certs.d} directory names for this registry. 443 is the default port, so
     * {@code host} and {@code host:443} are the same registry and both names apply.
     */
    List<String> certsDirectoryNames() {
        if (port.isEmpty()) return List.of(authority(), new HostPort(host, OptionalInt.of(HTTPS_PORT)).authority());
        if (port.getAsInt() == HTTPS_PORT) return List.of(authority(), new HostPort(host, OptionalInt.empty()).authority());
        return List.of(authority());
    }

    @Override
    public String toString() {
        return authority();
    }
}
