package dev.berth.cleanup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression over tag names that must match the WHOLE tag ({@code v1.*}, not a search),
 * so {@code latest} protects only {@code latest} and not {@code latest-rc}. Equal by its text.
 */
public final class TagPattern {

    private final String regex;
    private final Pattern compiled;

    private TagPattern(String regex, Pattern compiled) {
        this.regex = regex;
        this.compiled = compiled;
    }

    /** Compiles {@code regex}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static TagPattern of(String regex) {
        Objects.requireNonNull(regex, "regex");
        if (regex.isBlank()) throw new IllegalArgumentException("an empty tag pattern would match nothing useful");
        try {
            return new TagPattern(regex, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    /**
     * The tags {@code regex} names, when it is nothing but literal tags joined by '|', as the app writes it for tags
     * chosen in the table ({@code \Qprod\E|\Qv1.0\E}): then a person reads the tags, not the pattern.
     */
    public static Optional<List<String>> literalTags(String regex) {
        if (!LITERAL_ALTERNATIVES.matcher(regex).matches()) return Optional.empty();
        List<String> tags = new ArrayList<>();
        Matcher literal = LITERAL.matcher(regex);
        while (literal.find()) tags.add(literal.group(1));
        return Optional.of(tags);
    }

    private static final Pattern LITERAL = Pattern.compile("\\\\Q((?:(?!\\\\E).)*)\\\\E");
    private static final Pattern LITERAL_ALTERNATIVES = Pattern.compile(LITERAL.pattern() + "(?:\\|" + LITERAL.pattern() + ")*");

    public boolean matches(String tag) {
        return compiled.matcher(tag).matches();
    }

    public String regex() {
        return regex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TagPattern p && regex.equals(p.regex);
    }

    @Override
    public int hashCode() {
        return regex.hashCode();
    }

    @Override
    public String toString() {
        return regex;
    }
}
