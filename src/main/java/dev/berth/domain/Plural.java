package dev.berth.domain;

/** A count with its noun in the right number ("1 tag", "3 tags"), so no sentence says "1 tags". */
public final class Plural {

    private Plural() {}

    /** {@code n} followed by {@code one} when it is exactly one, else by {@code many}. */
    public static String of(long n, String one, String many) {
        return n + " " + word(n, one, many);
    }

    /** The noun alone, for sentences that print the count elsewhere ("Read the other 1,024 repositories"). */
    public static String word(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
