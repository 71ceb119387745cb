package dev.berth.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The distribution-spec grammar of repository and tag names. Names that come from a registry's
 * answers (catalog, tag lists) are checked here before Berth prints them plainly or builds a
 * request path from them: an invalid one can carry escape sequences, a newline or {@code ..}.
 */
public final class Names {

    /** Distribution's limit for a repository name (without the registry host). */
    public static final int MAX_REPOSITORY_LENGTH = 255;
    public static final int MAX_TAG_LENGTH = 128;

    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private Names() {}

    public static boolean isValidRepository(String name) {
        return repositoryProblem(name).isEmpty();
    }

    public static boolean isValidTag(String tag) {
        return tagProblem(tag).isEmpty();
    }

    /** What is wrong with {@code name} as a repository name (no registry, no tag), in words; empty when it is valid. */
    public static Optional<String> repositoryProblem(String name) {
        if (name.isEmpty()) return Optional.of("the repository name is empty");
        if (name.length() > MAX_REPOSITORY_LENGTH) {
            return Optional.of("the repository name is longer than " + MAX_REPOSITORY_LENGTH + " characters");
        }
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("repository names must be lowercase ('" + Printable.escaped(name) + "')");
        }
        for (String component : name.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                return Optional.of("'" + Printable.escaped(component) + "' is not a valid repository path component "
                        + "(lowercase letters and digits, separated by '.', '_', '__' or '-')");
            }
        }
        return Optional.empty();
    }

    /** What is wrong with {@code tag}, in words; empty when it is valid. */
    public static Optional<String> tagProblem(String tag) {
        if (TAG.matcher(tag).matches()) return Optional.empty();
        return Optional.of("'" + Printable.escaped(tag) + "' is not a valid tag "
                + "(up to " + MAX_TAG_LENGTH + " letters, digits, '_', '.', '-', not starting with '.' or '-')");
    }

    /** {@code name}, or an {@link IllegalArgumentException} saying why it is not a repository name. */
    public static String requireRepository(String name) {
        repositoryProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return name;
    }

    /** {@code tag}, or an {@link IllegalArgumentException} saying why it is not a tag. */
    public static String requireTag(String tag) {
        tagProblem(tag).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return tag;
    }
}
