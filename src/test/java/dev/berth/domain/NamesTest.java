package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The distribution-spec name grammar, and how names outside it are shown. */
class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"app", "team/app", "a/b/c/d", "a.b", "a_b", "a__b", "a-b", "a---b", "0", "library/nginx"})
    void validRepositories(String name) {
        assertTrue(Names.isValidRepository(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "UPPER", "Team/app", "../../v2/x", "ok/repo/..", "a//b", "/a", "a/", "a..b", "a___b", "-a", "a-",
            "evil\u001b]0;pwned\u0007", "a\nfake", "sp ace", "q?x", "a%2fb", "\u00e4pp"})
    void invalidRepositories(String name) {
        assertFalse(Names.isValidRepository(name), name);
    }

    @ParameterizedTest
    @CsvSource({"255, true", "256, false", "300, false"})
    void repositoryLengthLimit(int length, boolean valid) {
        assertEquals(valid, Names.isValidRepository("a".repeat(length)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "latest", "Latest_2", "_", "1.2.3-rc.1", "sha256-abc.sig"})
    void validTags(String tag) {
        assertTrue(Names.isValidTag(tag), tag);
        assertEquals(128, Names.MAX_TAG_LENGTH);
        assertTrue(Names.isValidTag("t".repeat(128)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "-dash", ".dot", "a\nfake", "evil\u001b]0;x\u0007", "sp ace", "a/b", "q?x=1", "1.0+build",
            "\u00e9t\u00e9"})
    void invalidTags(String tag) {
        assertFalse(Names.isValidTag(tag), tag);
        assertFalse(Names.isValidTag("t".repeat(129)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            plain        | "plain"
            a"b\\c       | "a\\"b\\\\c"
            """)
    void quotedEscapesQuotesAndBackslashes(String text, String shown) {
        assertEquals(shown, Printable.quoted(text));
    }

    @org.junit.jupiter.api.Test
    void everyControlIsEscapedVisibly() {
        assertEquals("\"evil\\u001b]0;pwned\\u0007\"", Printable.quoted("evil\u001b]0;pwned\u0007"));
        assertEquals("a\\u000afake", Printable.escaped("a\nfake"));
        assertEquals("x\\u009by\\u007fz\\u202ew\\u000d", Printable.escaped("x\u009by\u007fz\u202ew\r"));
        assertEquals("two\nlines \\u001b[2J", Printable.lines("two\nlines \u001b[2J"));
        assertEquals("caf\u00e9 \u2713", Printable.escaped("caf\u00e9 \u2713"), "printable non-ASCII stays");
    }

    @org.junit.jupiter.api.Test
    void problemsSayWhatIsWrongWithoutRawControls() {
        String problem = Names.repositoryProblem("evil\u001b]0;x").orElseThrow();
        assertTrue(problem.contains("'evil\\u001b]0;x' is not a valid repository path component"), problem);
        assertTrue(Names.repositoryProblem("UPPER").orElseThrow().contains("must be lowercase"));
        assertTrue(Names.tagProblem("a\nb").orElseThrow().startsWith("'a\\u000ab' is not a valid tag"));
    }
}
