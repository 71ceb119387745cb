package dev.berth.cleanup;

import java.util.Objects;

/**
 * Which repositories a set of rules is for: one repository ({@code team/app}), every repository
 * under a namespace ({@code team/}, ending in a slash), or all of the connection ({@code *}).
 */
public record PolicyScope(String repositories, RetentionRules rules) {

    public static final String ALL = "*";

    public PolicyScope {
        Objects.requireNonNull(repositories, "repositories");
        Objects.requireNonNull(rules, "rules");
        if (repositories.isBlank()) throw new IllegalArgumentException("a scope needs a repository, a namespace ending in '/', or '*'");
        if (repositories.startsWith("/")) throw new IllegalArgumentException("'" + repositories + "': repository names do not start with '/'");
    }

    public boolean isNamespace() {
        return repositories.endsWith("/");
    }

    public boolean applies(String repository) {
        if (repositories.equals(ALL)) return true;
        return isNamespace() ? repository.startsWith(repositories) : repository.equals(repositories);
    }

    /** Higher is more specific: an exact repository beats any namespace, a deeper namespace a shallower one. */
    int specificity() {
        if (repositories.equals(ALL)) return 0;
        return isNamespace() ? repositories.length() : Integer.MAX_VALUE;
    }
}
