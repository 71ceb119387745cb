package dev.berth.cleanup;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cleanup rules of one connection: per repository, per namespace, or for everything. For a
 * repository the most specific scope wins (scopes do not add up: a repository's own rules replace
 * its namespace's), so a person can read exactly which rules apply. Saved with the connection as
 * JSON by {@link PolicyFiles}.
 */
public record CleanupPolicy(List<PolicyScope> scopes) {

    public CleanupPolicy {
        scopes = List.copyOf(scopes);
        Set<String> seen = new HashSet<>();
        for (PolicyScope scope : scopes) {
            if (!seen.add(scope.repositories())) {
                throw new IllegalArgumentException("'" + scope.repositories() + "' has rules twice; merge them into one scope");
            }
        }
    }

    /** One set of rules for every repository. */
    public static CleanupPolicy everywhere(RetentionRules rules) {
        return new CleanupPolicy(List.of(new PolicyScope(PolicyScope.ALL, rules)));
    }

    /** The rules for {@code repository}, or empty when no scope names it (then nothing there is deleted). */
    public Optional<RetentionRules> rulesFor(String repository) {
        return scopeFor(repository).map(PolicyScope::rules);
    }

    public Optional<PolicyScope> scopeFor(String repository) {
        return scopes.stream().filter(s -> s.applies(repository)).max(Comparator.comparingInt(PolicyScope::specificity));
    }
}
