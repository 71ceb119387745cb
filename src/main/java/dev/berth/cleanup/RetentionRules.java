package dev.berth.cleanup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules for one repository (or every repository of a namespace): which tags a cleanup looks at,
 * which it never touches, and which of the rest may go. Modelled on Harbor's retention rules and
 * GitLab's cleanup policies. A tag is deleted only when EVERY rule allows it:
 * <ul>
 *   <li>it matches an {@code include} pattern (none given: every tag) and no {@code exclude} pattern
 *       — tags outside that selection are not looked at, and not counted by {@code keepLast};</li>
 *   <li>it matches no {@code protect} pattern;</li>
 *   <li>its image is not among the {@code keepLast} newest selected IMAGES (distinct digests: {@code
 *       latest}, {@code stable} and {@code v1.4.0} on one digest are one image), ranked by created
 *       date or by version;</li>
 *   <li>its image was created more than {@code olderThan} ago.</li>
 * </ul>
 * Whatever cannot be judged (no created date, no version under version order, an unreadable
 * manifest) is kept: a cleanup never deletes on a guess.
 */
public record RetentionRules(
        Optional<Integer> keepLast,
        Optional<Duration> olderThan,
        List<TagPattern> include,
        List<TagPattern> exclude,
        List<TagPattern> protect,
        Order order) {

    /** How {@code keepLast} ranks images. */
    public enum Order {
        /** By the created date in the image config (an index: its annotation, else its newest platform). */
        CREATED,
        /** By the highest version-like tag of the image ({@code v1.10.0} above {@code v1.9.3}); others are kept. */
        VERSION
    }

    /** Tags a person almost never wants a rule to delete; offered as a preset, never applied implicitly. */
    public static final List<TagPattern> SUGGESTED_PROTECT =
            List.of(TagPattern.of("latest"), TagPattern.of("stable"), TagPattern.of("v?\\d+\\.\\d+\\.\\d+"));

    public RetentionRules {
        Objects.requireNonNull(keepLast, "keepLast");
        Objects.requireNonNull(olderThan, "olderThan");
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        protect = List.copyOf(protect);
        Objects.requireNonNull(order, "order");
        keepLast.ifPresent(n -> {
            if (n < 0) throw new IllegalArgumentException("keep-last must be 0 or more, not " + n);
        });
        olderThan.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("older-than must be a positive age");
        });
        if (keepLast.isEmpty() && olderThan.isEmpty() && include.isEmpty()) {
            throw new IllegalArgumentException("these rules would delete every tag: give keep-last, older-than, or an "
                    + "include pattern naming the tags that may go");
        }
    }

    /** Rules with only {@code keepLast}, by created date; refine with the {@code with…} methods. */
    public static RetentionRules keepLast(int n) {
        return new RetentionRules(Optional.of(n), Optional.empty(), List.of(), List.of(), List.of(), Order.CREATED);
    }

    /** Rules with only {@code olderThan}. */
    public static RetentionRules olderThan(Duration age) {
        return new RetentionRules(Optional.empty(), Optional.of(age), List.of(), List.of(), List.of(), Order.CREATED);
    }

    public RetentionRules withKeepLast(int n) {
        return new RetentionRules(Optional.of(n), olderThan, include, exclude, protect, order);
    }

    public RetentionRules withOlderThan(Duration age) {
        return new RetentionRules(keepLast, Optional.of(age), include, exclude, protect, order);
    }

    public RetentionRules withInclude(String... regexes) {
        return new RetentionRules(keepLast, olderThan, patterns(regexes), exclude, protect, order);
    }

    public RetentionRules withExclude(String... regexes) {
        return new RetentionRules(keepLast, olderThan, include, patterns(regexes), protect, order);
    }

    public RetentionRules withProtect(String... regexes) {
        return new RetentionRules(keepLast, olderThan, include, exclude, patterns(regexes), order);
    }

    public RetentionRules withOrder(Order order) {
        return new RetentionRules(keepLast, olderThan, include, exclude, protect, order);
    }

    /** The include pattern {@code tag} matches, if it is selected at all (no include patterns: every tag). */
    boolean selects(String tag) {
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> p.matches(tag));
        return included && exclude.stream().noneMatch(p -> p.matches(tag));
    }

    Optional<TagPattern> protectingPattern(String tag) {
        return protect.stream().filter(p -> p.matches(tag)).findFirst();
    }

    private static List<TagPattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(TagPattern::of).toList();
    }
}
