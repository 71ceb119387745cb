package dev.berth.domain;

import java.util.Objects;

/** A tag, valid by the distribution grammar: one way to name a manifest in a repository. */
public record Tag(String value) implements TagOrDigest {

    public Tag {
        Objects.requireNonNull(value, "tag");
        Names.requireTag(value);
    }

    public static Tag of(String value) {
        return new Tag(value);
    }

    @Override
    public String text() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
