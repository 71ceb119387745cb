package dev.berth.registry;

import dev.berth.registry.auth.Credentials;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one registry: its API host[:port], the credentials, and the transport choices.
 * Plain http is used only when asked for, and then only for loopback hosts unless
 * {@code allowInsecureRemote} says the user accepted it for this connection (trap T18).
 */
public record ConnectionSettings(
        String host,
        Credentials credentials,
        boolean plainHttp,
        boolean allowInsecureRemote,
        Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank() || host.contains("/")) {
            throw new IllegalArgumentException("'" + host + "' is not a registry host[:port]");
        }
    }

    public static ConnectionSettings of(String host) {
        return new ConnectionSettings(host, Credentials.anonymous(), false, false, DEFAULT_TIMEOUT);
    }

    public ConnectionSettings withCredentials(Credentials newCredentials) {
        return new ConnectionSettings(host, newCredentials, plainHttp, allowInsecureRemote, timeout);
    }

    public ConnectionSettings withPlainHttp(boolean plain, boolean allowRemote) {
        return new ConnectionSettings(host, credentials, plain, allowRemote, timeout);
    }

    public ConnectionSettings withTimeout(Duration newTimeout) {
        return new ConnectionSettings(host, credentials, plainHttp, allowInsecureRemote, newTimeout);
    }
}
