package dev.berth.cleanup;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ages as people type them for retention rules: {@code 12h}, {@code 30d}, {@code 2w}. Months and
 * years are left out on purpose: their length varies, and a rule that deletes must be exact.
 */
public final class Ages {

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})\\s*([hdw])");

    private Ages() {}

    /** Parses {@code N h|d|w}; throws {@link IllegalArgumentException} with a message for people. */
    public static Duration parse(String text) {
        Matcher m = AGE.matcher(text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an age: use a number followed by h (hours), d (days) "
                    + "or w (weeks), e.g. 30d");
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) throw new IllegalArgumentException("an age of 0 would match every image; use at least 1" + m.group(2));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** The shortest exact text for {@code age}: weeks, days or hours. */
    public static String format(Duration age) {
        long hours = age.toHours();
        if (hours % (24 * 7) == 0) return hours / (24 * 7) + "w";
        if (hours % 24 == 0) return hours / 24 + "d";
        return hours + "h";
    }
}
