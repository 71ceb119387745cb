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

    @ParameterizedTest(name = "{0} of {1} {3}")
    @CsvSource({
        "0, -1, repository, repositories, '0 repositories'",
        "1, -1, repository, repositories, '1 repository'",
        "1200, -1, repository, repositories, '1,200 repositories'",
        "3, 10, removal, removals, '3 of 10 removals'",
        "0, 1, manifest deleted, manifests deleted, '0 of 1 manifest deleted'",
        "1, 1, manifest deleted, manifests deleted, '1 of 1 manifest deleted'",
        "1, 2, manifest deleted, manifests deleted, '1 of 2 manifests deleted'",
        "1048576, 2097152, byte, bytes, '1,048,576 of 2,097,152 bytes'",
    })
    void anAmountReadsAsWordsWithItsUnitInTheNumberOfTheCountBeforeIt(long done, long total, String one, String many, String words) {
        assertEquals(words, new Amount(done, total, new Amount.Unit(one, many)).words());
    }

    @Test
    void oneByteIsOneByte() {
        assertEquals("1 of 1 byte", Amount.bytes(1, 1).words());
        assertEquals("1 repository", new Amount(1, -1, Amount.Unit.REPOSITORIES).words());
    }

    @ParameterizedTest(name = "{0} of {1} {2}/{3}")
    @CsvSource({"-1, 10, byte, bytes", "1, -2, byte, bytes", "1, 2, ' ', bytes", "1, 2, byte, ' '"})
    void anAmountRefusesWhatCannotBe(long done, long total, String one, String many) {
        assertThrows(IllegalArgumentException.class, () -> new Amount(done, total, new Amount.Unit(one, many)));
    }
}
