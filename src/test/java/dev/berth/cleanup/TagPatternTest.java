package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TagPatternTest {

    @Test
    void aPatternOfQuotedTagsIsReadAsTheTags() {
        String chosen = Pattern.quote("prod") + "|" + Pattern.quote("v1.0") + "|" + Pattern.quote("main-4f2a9c1");

        assertEquals(Optional.of(List.of("prod", "v1.0", "main-4f2a9c1")), TagPattern.literalTags(chosen));
        assertEquals(Optional.of(List.of("v1")), TagPattern.literalTags(Pattern.quote("v1")));
    }

    @Test
    void anyOtherPatternIsNotTakenForTags() {
        assertTrue(TagPattern.literalTags("v1\\..*").isEmpty());
        assertTrue(TagPattern.literalTags(Pattern.quote("v1") + "|v2.*").isEmpty(), "one quoted tag beside a pattern");
        assertTrue(TagPattern.literalTags(Pattern.quote("v1") + ".*").isEmpty());
        assertTrue(TagPattern.literalTags("").isEmpty());
    }

    @Test
    void theWhyOfATagChosenInTheTableNamesTheChoiceNotThePattern() {
        assertEquals("one of the tags chosen for deletion", new Reason.Selected(Pattern.quote("v1")).describe());
        assertEquals("matches include pattern v1\\..*", new Reason.Selected("v1\\..*").describe());
    }

    @Test
    void theTagsNotChosenSayTheyWereNotChosenWhileOtherRulesKeepTheirWords() {
        assertEquals("not among the tags chosen for deletion", new Reason.NotSelected(Optional.empty(), true).describe());
        assertEquals("not matched by any include pattern", new Reason.NotSelected(Optional.empty(), false).describe());
        assertEquals("excluded by pattern v2", new Reason.NotSelected(Optional.of("v2"), true).describe());
    }
}
