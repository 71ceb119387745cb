package dev.berth.registry.auth;

import java.time.Instant;
import java.util.Objects;

/** A bearer token and when it stops working. {@link #toString()} never shows the token. */
public record BearerToken(String value, Instant expiresAt) {
    public BearerToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True when the token is expired or will be within {@code marginSeconds}. */
    public boolean expiresWithin(Instant now, long marginSeconds) {
        return !now.plusSeconds(marginSeconds).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "BearerToken[expires " + expiresAt + "]";
    }
}
