package dev.berth.browse;

import dev.berth.registry.RegistryException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** How loading a registry's catalog ended (a cancellation is not a result: it is a {@code CancellationException}). */
public sealed interface CatalogResult {

    /**
     * The repositories (sorted, each once) with the tag counts that could be loaded; a repository
     * whose count failed is in {@code failures} instead. {@code truncatedBy} is the error that
     * stopped the catalog after some pages had arrived: the tree then shows what came.
     */
    record Listed(List<String> repositories, Map<String, Integer> tagCounts, Map<String, RegistryException> failures,
            Optional<RegistryException> truncatedBy) implements CatalogResult {

        public Listed {
            repositories = List.copyOf(repositories);
            tagCounts = Map.copyOf(tagCounts);
            failures = Map.copyOf(failures);
            Objects.requireNonNull(truncatedBy, "truncatedBy");
        }

        public Optional<Integer> tagCount(String repository) {
            return Optional.ofNullable(tagCounts.get(repository));
        }

        public boolean isComplete() {
            return truncatedBy.isEmpty();
        }
    }

    /**
     * The registry does not list its repositories (Docker Hub, GHCR, GitLab and Harbor for
     * non-admins refuse the catalog): repositories have to be added by name and counted with
     * {@link CatalogLoader#countTags}. {@code reason} is the registry's refusal, for details.
     */
    record NotListed(RegistryException reason) implements CatalogResult {

        public NotListed {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * True when the refusal was a 401: signing in (or an account allowed to list the catalog)
         * might change the answer, which is worth saying next to "add them by name".
         */
        public boolean mightNeedSignIn() {
            return reason instanceof RegistryException.Unauthorized;
        }

        /** What to tell the person looking at an empty tree. */
        public String message() {
            return "This registry does not list its repositories" + (mightNeedSignIn() ? " to this account" : "")
                    + "; add them by name.";
        }
    }
}
