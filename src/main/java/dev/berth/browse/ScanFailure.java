package dev.berth.browse;

import dev.berth.registry.RegistryException;
import java.util.Objects;

/**
 * A manifest a scan had to leave out: gone (an index child deleted on its own, T7), malformed, or
 * legacy schema1 without sizes. {@code what} names it for a person ({@code repo@0123456789ab}).
 */
public record ScanFailure(String what, RegistryException cause) {

    public ScanFailure {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(cause, "cause");
    }
}
