package dev.berth.cleanup;

import java.util.Objects;
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
