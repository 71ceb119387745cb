package dev.berth.cleanup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The preview for one repository: every tag with its fate, and the manifests to delete in the order
 * they must be deleted (pointers before what they point at).
 */
public record RepositoryPlan(String repository, Optional<RetentionRules> rules, List<TagDecision> tags,
        List<ManifestDeletion> deletions, List<String> warnings) {

    public RepositoryPlan {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(rules, "rules");
        tags = List.copyOf(tags);
        deletions = List.copyOf(deletions);
        warnings = List.copyOf(warnings);
    }

    public List<TagDecision> deletedTags() {
        return tags.stream().filter(TagDecision::deleted).toList();
    }

    public List<TagDecision> keptTags() {
        return tags.stream().filter(t -> !t.deleted()).toList();
    }
}
