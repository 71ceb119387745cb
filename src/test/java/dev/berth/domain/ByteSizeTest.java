package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decimal units, three significant digits, rounding half up; a rounded value never reads 1000 of a unit. */
class ByteSizeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0,                   0 B",
            "1,                   1 B",
            "999,                 999 B",
            "1000,                1.00 kB",
            "1004,                1.00 kB",
            "1005,                1.01 kB",
            "1234,                1.23 kB",
            "9994,                9.99 kB",
            "9995,                10.0 kB",
            "10000,               10.0 kB",
            "45300,               45.3 kB",
            "99949,               99.9 kB",
            "99950,               100 kB",
            "100000,              100 kB",
            "999499,              999 kB",
            "999500,              1.00 MB",
            "999949,              1.00 MB",
            "999999,              1.00 MB",
            "1000000,             1.00 MB",
            "1500000,             1.50 MB",
            "45300000,            45.3 MB",
            "999999999,           1.00 GB",
            "1050000000,          1.05 GB",
            "999500000000,        1.00 TB",
            "1000000000000000,    1.00 PB",
            "9223372036854775807, 9223 PB"})
    void formats(long bytes, String expected) {
        assertEquals(expected, ByteSize.format(bytes));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void rejectsNegativeSizes(long bytes) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.format(bytes));
        assertTrue(e.getMessage().contains("negative size " + bytes), e.getMessage());
    }
}
