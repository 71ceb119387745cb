package dev.berth.registry.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A token scope such as {@code repository:team/app:pull,push}. Repository names may contain
 * {@code host:port}, so the name is everything between the first and the last colon.
 */
public record Scope(String type, String name, Set<String> actions) implements Comparable<Scope> {

    public static final Scope CATALOG = new Scope("registry", "catalog", Set.of("*"));

    public Scope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        actions = Set.copyOf(new TreeSet<>(actions));
        if (actions.isEmpty()) throw new IllegalArgumentException("a scope needs at least one action");
    }

    public static Scope pull(String repository) {
        return repository(repository, "pull");
    }

    public static Scope push(String repository) {
        return repository(repository, "pull", "push");
    }

    public static Scope delete(String repository) {
        return repository(repository, "delete");
    }

    public static Scope repository(String repository, String... actions) {
        return new Scope("repository", repository, Set.of(actions));
    }

    public static Optional<Scope> tryParse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == text.length() - 1) return Optional.empty();
        List<String> actions = new ArrayList<>();
        for (String action : text.substring(last + 1).split(",")) if (!action.isBlank()) actions.add(action.trim());
        if (actions.isEmpty()) return Optional.empty();
        return Optional.of(new Scope(text.substring(0, first), text.substring(first + 1, last), Set.copyOf(actions)));
    }

    /** Merges scopes on the same resource, so one token can carry everything asked for. */
    public static Set<Scope> union(Collection<Scope> a, Collection<Scope> b) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        List<Scope> all = new ArrayList<>(a);
        all.addAll(b);
        for (Scope scope : all) {
            merged.computeIfAbsent(scope.type + ":" + scope.name, k -> new TreeSet<>()).addAll(scope.actions);
        }
        Set<Scope> result = new TreeSet<>();
        merged.forEach((key, actions) -> {
            int colon = key.indexOf(':');
            result.add(new Scope(key.substring(0, colon), key.substring(colon + 1), actions));
        });
        return result;
    }

    /** True when this scope grants at least everything {@code other} asks for. */
    public boolean covers(Scope other) {
        return type.equals(other.type) && name.equals(other.name)
                && (actions.contains("*") || actions.containsAll(other.actions));
    }

    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", new TreeSet<>(actions));
    }

    @Override
    public int compareTo(Scope other) {
        return toString().compareTo(other.toString());
    }
}
