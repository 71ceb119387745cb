package dev.berth.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void noProgressIsOneSharedSinkThatTakesAnyEvent() {
        Progress<Amount> amounts = Progress.none();
        Progress<String> words = Progress.none();
        amounts.report(Amount.bytes(1, 2));
        words.report("ignored");
        assertSame(amounts, words);
    }

    @ParameterizedTest(name = "{0} of {1} {2}")
    @CsvSource({
        "0, -1, repositories, '0 repositories'",
        "1200, -1, repositories, '1,200 repositories'",
        "3, 10, removals, '3 of 10 removals'",
        "1048576, 2097152, bytes, '1,048,576 of 2,097,152 bytes'",
    })
    void anAmountReadsAsWords(long done, long total, String unit, String words) {
        assertEquals(words, new Amount(done, total, unit).words());
    }

    @ParameterizedTest(name = "{0} of {1} {2}")
    @CsvSource({"-1, 10, bytes", "1, -2, bytes", "1, 2, ' '"})
    void anAmountRefusesWhatCannotBe(long done, long total, String unit) {
        assertThrows(IllegalArgumentException.class, () -> new Amount(done, total, unit));
    }
}
