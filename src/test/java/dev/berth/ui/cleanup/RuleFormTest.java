package dev.berth.ui.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cleanup.RetentionRules;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule form without a window: its one-line description, what it fills from rules, and what it refuses. */
class RuleFormTest {

    static Stream<Arguments> descriptions() {
        return Stream.of(
                Arguments.of("the defaults", (Consumer<RuleForm>) form -> {}, "keep the newest 3 · protect latest|stable"),
                Arguments.of("by version, with an age", (Consumer<RuleForm>) form -> {
                    form.orderProperty().set(RetentionRules.Order.VERSION);
                    form.useOlderThanProperty().set(true);
                    form.olderThanProperty().set(" 2w ");
                }, "keep the newest 3 by version · older than 2w · protect latest|stable"),
                Arguments.of("patterns only", (Consumer<RuleForm>) form -> {
                    form.useKeepLastProperty().set(false);
                    form.includeProperty().set("pr-.*");
                    form.excludeProperty().set("pr-keep");
                    form.protectProperty().set("  ");
                }, "only pr-.* · never pr-keep"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptions")
    void theDescriptionSaysWhatTheFormHolds(String name, Consumer<RuleForm> edit, String expected) {
        RuleForm form = new RuleForm();
        edit.accept(form);
        assertEquals(expected, form.description().get());
    }

    @Test
    void rulesFilledFromAPolicyComeBackTheSame() {
        RetentionRules rules = RetentionRules.keepLast(5).withOlderThan(Duration.ofDays(14)).withInclude("pr-.*", "feature-.*")
                .withProtect("latest").withOrder(RetentionRules.Order.VERSION);
        RuleForm form = new RuleForm();
        form.fill(rules);
        assertEquals("(?:pr-.*)|(?:feature-.*)", form.includeProperty().get(), "two patterns, one alternation");
        RetentionRules back = form.rules().orElseThrow();
        assertEquals(rules.keepLast(), back.keepLast());
        assertEquals(rules.olderThan(), back.olderThan());
        assertEquals(rules.order(), back.order());
        for (String tag : List.of("pr-1", "feature-x", "v1.0", "latest")) {
            assertEquals(rules.include().stream().anyMatch(p -> p.matches(tag)), back.include().stream().anyMatch(p -> p.matches(tag)), tag);
        }
    }

    @Test
    void aFormThatMakesNoRulesSaysWhy() {
        RuleForm form = new RuleForm();
        form.useOlderThanProperty().set(true);
        form.olderThanProperty().set("soon");
        assertTrue(form.rules().isEmpty());
        assertTrue(form.errorProperty().get().contains("soon"), form.errorProperty().get());
        form.olderThanProperty().set("30d");
        assertTrue(form.rules().isPresent());
        assertEquals("", form.errorProperty().get(), "a fixed rule clears the error");
    }

    @Test
    void chosenTagsAreSelectedLiterallyAndNothingElse() {
        RuleForm form = new RuleForm();
        form.selectExactly(List.of("v1.0", "prod"));
        assertEquals(Pattern.quote("prod") + "|" + Pattern.quote("v1.0"), form.includeProperty().get());
        assertEquals("only prod, v1.0", form.description().get(), "the tags chosen, not the pattern made of them");

        form.selectExactly(List.of("a", "b", "c", "d"));
        assertEquals("only the 4 chosen tags", form.description().get());
        form.includeProperty().set("v1\\..*");
        assertEquals("only v1\\..*", form.description().get(), "a pattern someone wrote stays as written");
    }
}
