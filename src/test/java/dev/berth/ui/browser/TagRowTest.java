package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** "Also tagged as" stays a few names long however many tags share an image. */
class TagRowTest {

    @Test
    void showsTheFirstTenOtherTagsAndHowManyMore() {
        List<TagRow> rows = IntStream.range(0, 300).mapToObj(i -> new TagRow(String.format("t%03d", i))).toList();

        TagRow.setAlsoTaggedAs(rows);

        assertEquals("t000, t001, t002, t003, t004, t005, t006, t007, t008, t009 and 289 more", rows.get(299).alsoTaggedAsProperty().get());
        assertEquals("t001, t002, t003, t004, t005, t006, t007, t008, t009, t010 and 289 more", rows.get(0).alsoTaggedAsProperty().get());
        assertEquals(rows.get(150).alsoTaggedAsProperty().get(), rows.get(299).alsoTaggedAsProperty().get());
    }

    @Test
    void aFewTagsAreAllNamed() {
        List<TagRow> rows = List.of(new TagRow("latest"), new TagRow("1.4.0"), new TagRow("stable"));

        TagRow.setAlsoTaggedAs(rows);

        assertEquals("1.4.0, stable", rows.get(0).alsoTaggedAsProperty().get());
        assertEquals("latest, stable", rows.get(1).alsoTaggedAsProperty().get());

        TagRow only = new TagRow("v1");
        TagRow.setAlsoTaggedAs(List.of(only));
        assertEquals("", only.alsoTaggedAsProperty().get());
    }
}
