package dev.berth.browse;

import java.util.Objects;

/**
 * How many tags a repository has, for the tree. Zero is an emptied repository: Distribution keeps
 * it in the catalog with {@code "tags": null} after its last manifest is deleted (trap T8).
 */
public record TagCount(String repository, int count) {

    public TagCount {
        Objects.requireNonNull(repository, "repository");
        if (count < 0) throw new IllegalArgumentException("negative tag count " + count + " for " + repository);
    }

    /** True for a repository without tags: listed, but nothing left in it to pull. */
    public boolean isEmpty() {
        return count == 0;
    }
}
