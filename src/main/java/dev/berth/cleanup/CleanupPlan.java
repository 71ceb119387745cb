package dev.berth.cleanup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A cleanup preview over one or more repositories of one registry: what a dry run shows and what
 * {@link CleanupExecutor} applies. Made by {@link CleanupPlanner}, which is pure.
 */
public record CleanupPlan(String registry, Instant plannedAt, List<RepositoryPlan> repositories, Reclaimable reclaimable) {

    public CleanupPlan {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(plannedAt, "plannedAt");
        repositories = List.copyOf(repositories);
        Objects.requireNonNull(reclaimable, "reclaimable");
    }

    public List<TagDecision> tags() {
        return repositories.stream().flatMap(r -> r.tags().stream()).toList();
    }

    public List<ManifestDeletion> deletions() {
        return repositories.stream().flatMap(r -> r.deletions().stream()).toList();
    }

    public List<TagRemoval> untags() {
        return repositories.stream().flatMap(r -> r.untags().stream()).toList();
    }

    /** Tags the rules would remove that stay with their image because untagging was not available. */
    public List<String> keptWithTheirImage() {
        return repositories.stream().flatMap(r -> r.keptWithTheirImage().stream().map(t -> r.repository() + ":" + t)).toList();
    }

    public List<String> warnings() {
        return repositories.stream().flatMap(r -> r.warnings().stream().map(w -> r.repository() + ": " + w)).toList();
    }

    /** True when applying it would change nothing: no manifest to delete, no tag to remove. */
    public boolean isEmpty() {
        return repositories.stream().allMatch(RepositoryPlan::changesNothing);
    }
}
