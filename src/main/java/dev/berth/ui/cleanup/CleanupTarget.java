package dev.berth.ui.cleanup;

import dev.berth.cleanup.PolicyScope;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cleanup works on: one repository (whose loaded snapshot can be reused), every repository
 * under a namespace ({@code team/}), or the whole connection (an empty prefix).
 */
public record CleanupTarget(RegistryNode registry, String prefix, Optional<RepositoryNode> repository) {

    public CleanupTarget {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(repository, "repository");
        if (!prefix.isEmpty() && !prefix.endsWith("/") && repository.isEmpty()) {
            throw new IllegalArgumentException("a namespace ends in '/': " + prefix);
        }
    }

    public static CleanupTarget of(RepositoryNode repository) {
        return new CleanupTarget(repository.registry(), repository.name(), Optional.of(repository));
    }

    /** Every repository under {@code prefix} ("" for all of the connection). */
    public static CleanupTarget namespace(RegistryNode registry, String prefix) {
        return new CleanupTarget(registry, prefix, Optional.empty());
    }

    /** What a person calls it: {@code team/app}, {@code team/}, or the connection's name. */
    public String label() {
        if (repository.isPresent()) return repository.get().name();
        return prefix.isEmpty() ? "all of " + registry.displayName() : prefix;
    }

    /** The key of the saved policy's scope for this target: the repository, the namespace, or {@code *}. */
    public String scopeKey() {
        return prefix.isEmpty() ? PolicyScope.ALL : prefix;
    }

    /** The repositories the tree knows under this target (the catalog, plus any added by hand). */
    public List<String> repositoryNames() {
        if (repository.isPresent()) return List.of(repository.get().name());
        return registry.repositories().stream().map(RepositoryNode::name).filter(n -> n.startsWith(prefix)).sorted().toList();
    }
}
