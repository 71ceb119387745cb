package dev.berth.browse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of tag names in the tag table: versions by semantic-version precedence, so that
 * {@code v1.10.0} comes after {@code v1.9.2} and {@code 1.2.3-rc.1} before {@code 1.2.3}.
 *
 * <p>Ascending order has three groups: version tags (oldest first), then other names such as
 * {@code latest}, {@code main} or {@code feature-x} in natural order (digit runs compared as
 * numbers, case ignored), then machine tags that only name a commit or digest ({@code sha-1a2b3c4},
 * {@code 1a2b3c4d}, cosign's {@code sha256-<hex>.sig}), which are noise to most readers.
 *
 * <p>A version is an optional {@code v}, one or more dot-separated numbers, an optional
 * {@code -pre.release} and an optional {@code +build}. Docker-style suffixes such as
 * {@code 1.25-alpine} parse as pre-releases, so they sort just before {@code 1.25}; that keeps
 * them next to their version, which is what a reader scanning the table looks for.
 *
 * <p>The order is total and consistent with {@link String#equals}: two different names never
 * compare as equal ({@code 1.2} vs {@code 1.2.0}, {@code v1} vs {@code 1}: equal precedence, then
 * the plain string order decides), so sorting is stable from one load to the next.
 */
public final class TagOrdering implements Comparator<String> {

    private static final TagOrdering INSTANCE = new TagOrdering();

    private static final Pattern VERSION = Pattern.compile(
            "[vV]?(\\d+(?:\\.\\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\\+([0-9A-Za-z.-]+))?");
    // A commit or digest and nothing else: has both a hex letter and a digit, so "cafe" or "2024" are not hashes.
    private static final Pattern HASH = Pattern.compile(
            "(?:(?:sha|git|commit|g)-?)?(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,64}");
    private static final Pattern DIGEST_TAG = Pattern.compile("(?:sha256|sha512)-[0-9a-f]{64,128}(?:\\.[a-z]+)?");

    private enum Group { VERSION, NAME, HASH }

    private TagOrdering() {}

    /** Ascending: versions oldest first, then names, then commit/digest tags. */
    public static Comparator<String> ascending() {
        return INSTANCE;
    }

    /** Newest versions first: descending version order, then names, then commit/digest tags. */
    public static Comparator<String> newestFirst() {
        return (a, b) -> {
            Group ga = group(a);
            Group gb = group(b);
            if (ga != gb) return ga.compareTo(gb);
            return ga == Group.VERSION ? INSTANCE.compare(b, a) : INSTANCE.compare(a, b);
        };
    }

    @Override
    public int compare(String a, String b) {
        if (a.equals(b)) return 0;
        Optional<Version> va = Version.parse(a);
        Optional<Version> vb = Version.parse(b);
        Group ga = va.isPresent() ? Group.VERSION : nameGroup(a);
        Group gb = vb.isPresent() ? Group.VERSION : nameGroup(b);
        if (ga != gb) return ga.compareTo(gb);
        int c = ga == Group.VERSION ? va.get().compareTo(vb.get()) : compareNatural(a, b);
        return c != 0 ? c : a.compareTo(b);
    }

    private static Group group(String tag) {
        return Version.parse(tag).isPresent() ? Group.VERSION : nameGroup(tag);
    }

    private static Group nameGroup(String tag) {
        String lower = tag.toLowerCase(java.util.Locale.ROOT);
        if (HASH.matcher(lower).matches() || DIGEST_TAG.matcher(lower).matches()) return Group.HASH;
        return Group.NAME;
    }

    /** Natural order: runs of digits compare as numbers, other runs case-insensitively; shorter first on a tie. */
    static int compareNatural(String a, String b) {
        List<String> ca = chunks(a);
        List<String> cb = chunks(b);
        for (int i = 0; i < Math.min(ca.size(), cb.size()); i++) {
            String x = ca.get(i);
            String y = cb.get(i);
            boolean nx = Character.isDigit(x.charAt(0));
            boolean ny = Character.isDigit(y.charAt(0));
            int c;
            if (nx && ny) c = compareNumbers(x, y);
            else if (nx != ny) c = nx ? -1 : 1; // numbers before words, as in version order
            else c = x.compareToIgnoreCase(y);
            if (c != 0) return c;
        }
        return Integer.compare(ca.size(), cb.size());
    }

    private static List<String> chunks(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= s.length(); i++) {
            if (i == s.length() || Character.isDigit(s.charAt(i)) != Character.isDigit(s.charAt(start))) {
                out.add(s.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    /** Compares decimal digit strings of any length by value (tags like 20240101123456789 overflow a long). */
    static int compareNumbers(String x, String y) {
        String a = stripZeros(x);
        String b = stripZeros(y);
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
        return digits.substring(i);
    }

    /** A parsed version tag; build metadata takes no part in precedence (semver §10). */
    record Version(List<String> numbers, List<String> preRelease) implements Comparable<Version> {

        static Optional<Version> parse(String tag) {
            Matcher m = VERSION.matcher(tag);
            if (!m.matches()) return Optional.empty();
            List<String> pre = m.group(2) == null ? List.of() : List.of(m.group(2).split("\\.", -1));
            if (pre.stream().anyMatch(String::isEmpty)) return Optional.empty(); // "1.2.3-rc..1" is a name
            return Optional.of(new Version(List.of(m.group(1).split("\\.")), pre));
        }

        @Override
        public int compareTo(Version other) {
            for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
                // A missing component counts as 0: 1.2 has the precedence of 1.2.0.
                String x = i < numbers.size() ? numbers.get(i) : "0";
                String y = i < other.numbers.size() ? other.numbers.get(i) : "0";
                int c = compareNumbers(x, y);
                if (c != 0) return c;
            }
            if (preRelease.isEmpty() != other.preRelease.isEmpty()) return preRelease.isEmpty() ? 1 : -1;
            for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
                int c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
                if (c != 0) return c;
            }
            return Integer.compare(preRelease.size(), other.preRelease.size());
        }

        /** Semver §11: numeric identifiers by value and below alphanumeric ones, which compare in ASCII order. */
        private static int compareIdentifiers(String x, String y) {
            boolean nx = x.chars().allMatch(Character::isDigit);
            boolean ny = y.chars().allMatch(Character::isDigit);
            if (nx && ny) return compareNumbers(x, y);
            if (nx != ny) return nx ? -1 : 1;
            return x.compareTo(y);
        }
    }
}
