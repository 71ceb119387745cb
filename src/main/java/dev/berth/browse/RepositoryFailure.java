package dev.berth.browse;

import dev.berth.registry.RegistryException;
import java.util.Objects;

/** A repository whose tags could not be counted; the others load on regardless. */
public record RepositoryFailure(String repository, RegistryException cause) {

    public RepositoryFailure {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(cause, "cause");
    }
}
