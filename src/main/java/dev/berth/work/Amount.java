package dev.berth.work;

/**
 * A {@link Progress} event for work that only counts: {@code done} of {@code total} {@code unit}s
 * ({@code total} is -1 while unknown), e.g. bytes of a blob or repositories of a catalog.
 */
public record Amount(long done, long total, String unit) {

    public static final String BYTES = "bytes";

    public Amount {
        if (done < 0) throw new IllegalArgumentException("done must not be negative: " + done);
        if (total < -1) throw new IllegalArgumentException("total is -1 when unknown, never " + total);
        if (unit == null || unit.isBlank()) throw new IllegalArgumentException("an amount needs a unit");
    }

    public static Amount bytes(long done, long total) {
        return new Amount(done, total, BYTES);
    }

    /** "1,200 repositories", "3 of 10 bytes". */
    public String words() {
        return total < 0 ? String.format("%,d %s", done, unit) : String.format("%,d of %,d %s", done, total, unit);
    }
}
