package dev.berth.domain;

import java.util.Locale;

/** Formats byte counts the way Docker does: decimal units (1 MB = 1,000,000 bytes). */
public final class ByteSize {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private ByteSize() {}

    /** {@code 0 B}, {@code 999 B}, {@code 1.23 kB}, {@code 45.3 MB}, {@code 1.05 GB}: three significant digits. */
    public static String format(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative size " + bytes);
        if (bytes < 1000) return bytes + " B";
        double value = bytes;
        int unit = 0;
        // Thresholds are where the printed (rounded half up) value would reach 1000, 100 or 10,
        // so 999_500 bytes reads "1.00 MB", not "1000 kB", and 99_950 reads "100 kB", not "100.0 kB".
        while (value >= 999.5 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        String pattern = value >= 99.95 ? "%.0f %s" : value >= 9.995 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, pattern, value, UNITS[unit]);
    }
}
