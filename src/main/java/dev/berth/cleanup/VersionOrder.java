package dev.berth.cleanup;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version read from a tag such as {@code v1.4.0}, {@code 2.1} or {@code 1.0.0-rc.2}, ordered by
 * Semantic Versioning (a pre-release sorts before its release; build metadata is ignored).
 * Missing minor/patch count as 0, so {@code 1.4} equals {@code 1.4.0}.
 */
public record VersionOrder(BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease)
        implements Comparable<VersionOrder> {

    private static final Pattern VERSION = Pattern.compile(
            "[vV]?(\\d{1,18})(?:\\.(\\d{1,18}))?(?:\\.(\\d{1,18}))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z.-]+)?");

    public VersionOrder {
        preRelease = List.copyOf(preRelease);
    }

    /** The version a tag names, or empty for tags like {@code latest} or {@code main-abc123}. */
    public static Optional<VersionOrder> parse(String tag) {
        Matcher m = VERSION.matcher(tag);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new VersionOrder(number(m.group(1)), number(m.group(2)), number(m.group(3)),
                m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."))));
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    @Override
    public int compareTo(VersionOrder o) {
        int c = major.compareTo(o.major);
        if (c == 0) c = minor.compareTo(o.minor);
        if (c == 0) c = patch.compareTo(o.patch);
        if (c != 0) return c;
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
            c = compareIdentifier(preRelease.get(i), o.preRelease.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    // Numeric identifiers compare as numbers and sort before alphanumeric ones (semver §11).
    private static int compareIdentifier(String a, String b) {
        boolean an = a.chars().allMatch(Character::isDigit);
        boolean bn = b.chars().allMatch(Character::isDigit);
        if (an && bn) return new BigInteger(a).compareTo(new BigInteger(b));
        if (an != bn) return an ? -1 : 1;
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + String.join(".", preRelease));
    }
}
