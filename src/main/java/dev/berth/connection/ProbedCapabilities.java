package dev.berth.connection;

import dev.berth.registry.Capabilities;
import java.time.Instant;
import java.util.Objects;

/**
 * What the last probe of a connection found and when, remembered so its badges show before (or
 * without) probing again.
 */
public record ProbedCapabilities(Capabilities capabilities, Instant probedAt) {

    public ProbedCapabilities {
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(probedAt, "probedAt");
    }
}
