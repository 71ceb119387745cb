package dev.berth.browse;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link CatalogLoader} learned since its previous batch: newly listed repositories (each
 * name once, in catalog order), tag counts and per-repository failures, with the progress so far.
 * A tag count may arrive in a later batch than its repository, never in an earlier one.
 */
public record CatalogBatch(List<String> repositories, List<TagCount> tagCounts, List<RepositoryFailure> failures,
        CatalogProgress progress) {

    public CatalogBatch {
        repositories = List.copyOf(repositories);
        tagCounts = List.copyOf(tagCounts);
        failures = List.copyOf(failures);
        Objects.requireNonNull(progress, "progress");
    }
}
