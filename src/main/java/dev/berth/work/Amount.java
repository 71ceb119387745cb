package dev.berth.work;

/**
 * A {@link Progress} event for work that only counts: {@code done} of {@code total} {@code unit}s
 * ({@code total} is -1 while unknown), e.g. bytes of a blob or repositories of a catalog.
 */
public record Amount(long done, long total, Unit unit) {

    /**
     * What an amount counts, in both numbers: English has no rule that turns "repositories" into
     * "repository" or "manifests deleted" into "manifest deleted", so each unit brings both.
     */
    public record Unit(String one, String many) {

        public static final Unit BYTES = new Unit("byte", "bytes");
        public static final Unit REPOSITORIES = new Unit("repository", "repositories");

        public Unit {
            if (one == null || one.isBlank() || many == null || many.isBlank()) {
                throw new IllegalArgumentException("a unit needs its singular and its plural");
            }
        }

        /** The word that follows {@code count}: "1 repository", "0 repositories". */
        public String after(long count) {
            return count == 1 ? one : many;
        }
    }

    public Amount {
        if (done < 0) throw new IllegalArgumentException("done must not be negative: " + done);
        if (total < -1) throw new IllegalArgumentException("total is -1 when unknown, never " + total);
        if (unit == null) throw new IllegalArgumentException("an amount needs a unit");
    }

    public static Amount bytes(long done, long total) {
        return new Amount(done, total, Unit.BYTES);
    }

    /** "1,200 repositories", "1 repository", "3 of 10 bytes", "0 of 1 manifest": the unit agrees with the number before it. */
    public String words() {
        return total < 0 ? String.format("%,d %s", done, unit.after(done))
                : String.format("%,d of %,d %s", done, total, unit.after(total));
    }
}
