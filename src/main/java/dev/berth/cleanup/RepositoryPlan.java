package dev.berth.cleanup;

import dev.berth.domain.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Tags grouped by digest, in tag order: one row per image in a grouped preview (all tags of a group share a fate). */
    public Map<Digest, List<TagDecision>> byDigest() {
        Map<Digest, List<TagDecision>> groups = new LinkedHashMap<>();
        tags.forEach(t -> groups.computeIfAbsent(t.digest(), k -> new java.util.ArrayList<>()).add(t));
        return groups;
    }

    public List<TagDecision> keptTags() {
        return tags.stream().filter(t -> !t.deleted()).toList();
    }
}
