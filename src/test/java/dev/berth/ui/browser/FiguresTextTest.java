package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.browse.RegistryFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Partial figures say how much of the registry they cover; whole ones do not hedge. */
class FiguresTextTest {

    @Test
    void partialFiguresSaySoAndHowMuchTheyCover() {
        RegistryFigures partial = new RegistryFigures(1_200, true, 4_000, 900, 20, 1, 35, 1_500_000, List.of());
        assertEquals("tags so far, in 900 of 1,200 repositories", FiguresText.tags(partial));
        assertEquals("images so far, in 20 of 1,200 repositories", FiguresText.images(partial));
        assertEquals("as pulled so far, in 20 of 1,200 repositories", FiguresText.size(partial));
        assertEquals("1.50 MB", FiguresText.sizeValue(partial));
        assertEquals("Reading repositories: 21 of 1,200 repositories read (1 could not be read)…", FiguresText.progress(partial, true));
        assertEquals("repositories so far", FiguresText.repositories(new RegistryFigures(10, false, 0, 0, 0, 0, 0, 0, List.of())));
    }

    @Test
    void wholeFiguresDoNotHedgeAndNothingReadShowsADash() {
        RegistryFigures whole = new RegistryFigures(3, true, 7, 3, 3, 0, 5, 2_000, List.of());
        assertEquals("tags", FiguresText.tags(whole));
        assertEquals("images (distinct manifests)", FiguresText.images(whole));
        assertEquals("All 3 repositories read.", FiguresText.progress(whole, false));
        RegistryFigures unread = new RegistryFigures(3, true, 7, 3, 0, 0, 0, 0, List.of());
        assertEquals("–", FiguresText.imagesValue(unread));
        assertEquals("–", FiguresText.sizeValue(unread));
    }
}
