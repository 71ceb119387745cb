package dev.berth.domain;

import java.util.Objects;

/**
 * A repository's name on its registry ({@code team/app}), valid by the distribution grammar, so a
 * client call taking one cannot be handed a tag, a whole reference or a path to glue.
 */
public record RepositoryName(String value) {

    public RepositoryName {
        Objects.requireNonNull(value, "repository");
        Names.requireRepository(value);
    }

    public static RepositoryName of(String value) {
        return new RepositoryName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
