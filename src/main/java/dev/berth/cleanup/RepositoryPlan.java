package dev.berth.cleanup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The preview for one repository: every tag with its fate, the manifests to delete in the order
 * they must be deleted (pointers before what they point at), and the tags to remove on their own.
 *
 * @param keptWithTheirImage tags the rules would remove, kept because their image stays (for
 *                           another tag, or in a kept index) and the plan could not untag
 */
public record RepositoryPlan(String repository, Optional<RetentionRules> rules, List<TagDecision> tags,
        List<ManifestDeletion> deletions, List<TagRemoval> untags, List<String> keptWithTheirImage, List<String> warnings) {

    public RepositoryPlan {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(rules, "rules");
        tags = List.copyOf(tags);
        deletions = List.copyOf(deletions);
        untags = List.copyOf(untags);
        keptWithTheirImage = List.copyOf(keptWithTheirImage);
        warnings = List.copyOf(warnings);
    }

    public List<TagDecision> deletedTags() {
        return tags.stream().filter(TagDecision::deleted).toList();
    }

    public List<TagDecision> untaggedTags() {
        return tags.stream().filter(TagDecision::untagged).toList();
    }

    public List<TagDecision> keptTags() {
        return tags.stream().filter(t -> !t.removed()).toList();
    }

    /** True when applying it changes nothing in this repository. */
    public boolean changesNothing() {
        return deletions.isEmpty() && untags.isEmpty();
    }
}
