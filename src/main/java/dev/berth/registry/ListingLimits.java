package dev.berth.registry;

import java.util.Locale;

/**
 * How much one listing (a catalog, or the tags of one repository) may hold before Berth stops
 * reading it. A registry that keeps sending pages of new names would otherwise fill any heap:
 * pages are bounded one by one, but not their sum.
 */
public record ListingLimits(int maxNames, long maxCharacters) {

    /**
     * A million repositories and 64 Mi characters of names. The largest registries browsed whole
     * have around 100,000 repositories (25 Mi characters even if every name had the maximum 255),
     * so this leaves ten times that; at the limit a listing holds some 200 MB (a million short
     * strings plus the characters), which a desktop JVM's default heap still holds.
     */
    public static final ListingLimits CATALOG = new ListingLimits(1_000_000, 64L * 1024 * 1024);

    /**
     * 250,000 tags and 16 Mi characters in one repository. Busy CI repositories reach tens of
     * thousands of tags (20,000 must browse smoothly); a quarter of the catalog's share because the
     * app counts the tags of several repositories at once (eight in flight).
     */
    public static final ListingLimits TAGS = new ListingLimits(250_000, 16L * 1024 * 1024);

    /** What to do instead of listing a whole catalog that is too large. */
    public static final String NARROW_CATALOG = "Work with repositories by name instead (in the app, add a repository by name; "
            + "on the command line, berth tags HOST/REPOSITORY).";
    /** What to do instead of listing every tag of a repository that has too many. */
    public static final String NARROW_TAGS = "Address its tags by name instead (berth inspect HOST/REPOSITORY:TAG).";

    public ListingLimits {
        if (maxNames < 1) throw new IllegalArgumentException("maxNames must be at least 1: " + maxNames);
        if (maxCharacters < 1) throw new IllegalArgumentException("maxCharacters must be at least 1: " + maxCharacters);
    }

    /**
     * A count for one listing. {@code listing} names it for a person ("The catalog of
     * localhost:5000"), {@code narrower} says what to do instead when the limit is reached.
     */
    public Tally tally(String listing, String narrower) {
        return new Tally(listing, narrower);
    }

    /** Counts the distinct names one listing keeps; one listing, one thread. */
    public final class Tally {
        private final String listing;
        private final String narrower;
        private int names;
        private long characters;

        private Tally(String listing, String narrower) {
            this.listing = listing;
            this.narrower = narrower;
        }

        /** Counts a name the listing is about to keep (each distinct name once). */
        public void add(String name) throws RegistryException.Refused {
            if (names + 1 > maxNames) throw full(String.format(Locale.ROOT, "more than %,d names", maxNames));
            if (characters + name.length() > maxCharacters) {
                throw full(String.format(Locale.ROOT, "more than %,d characters of names", maxCharacters));
            }
            names++;
            characters += name.length();
        }

        public int names() {
            return names;
        }

        private RegistryException.Refused full(String what) {
            return new RegistryException.Refused(listing + " has " + what + " (Berth's limit, so that a registry cannot make it "
                    + "run out of memory); Berth stopped reading it there. " + narrower);
        }
    }
}
