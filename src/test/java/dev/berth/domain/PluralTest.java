package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One is singular; zero, many and negative counts (never expected, but printed) take the plural. */
class PluralTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0,  0 tags",
            "1,  1 tag",
            "2,  2 tags",
            "-1, -1 tags",
            "1000, 1000 tags",
    })
    void countAndNoun(long n, String expected) {
        assertEquals(expected, Plural.of(n, "tag", "tags"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1, repository", "7, repositories"})
    void nounAlone(long n, String expected) {
        assertEquals(expected, Plural.word(n, "repository", "repositories"));
    }
}
