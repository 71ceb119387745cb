package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The theme of the first frame, decided before the window is shown and without running anything. */
class ThemeManagerTest {

    @Test
    void theUsersChoiceWinsThenGtkThemeThenLight() {
        Map<String, String> darkDesktop = Map.of("GTK_THEME", "Adwaita:dark");
        assertEquals(MainViewModel.Theme.LIGHT, ThemeManager.firstTheme(Optional.of(MainViewModel.Theme.LIGHT), darkDesktop));
        assertEquals(MainViewModel.Theme.DARK, ThemeManager.firstTheme(Optional.empty(), darkDesktop));
        assertEquals(MainViewModel.Theme.DARK, ThemeManager.firstTheme(Optional.of(MainViewModel.Theme.DARK), Map.of()));
        assertEquals(MainViewModel.Theme.LIGHT, ThemeManager.firstTheme(Optional.empty(), Map.of("GTK_THEME", "Adwaita")));
        assertEquals(MainViewModel.Theme.LIGHT, ThemeManager.firstTheme(Optional.empty(), Map.of()));
    }

    @Test
    void theMainViewTakesTheDesktopsAnswerIfItIsInAndTheUserHasNotChosen() {
        CompletableFuture<Optional<MainViewModel.Theme>> dark = CompletableFuture.completedFuture(Optional.of(MainViewModel.Theme.DARK));
        CompletableFuture<Optional<MainViewModel.Theme>> unanswered = new CompletableFuture<>();
        CompletableFuture<Optional<MainViewModel.Theme>> noPreference = CompletableFuture.completedFuture(Optional.empty());

        assertEquals(MainViewModel.Theme.DARK, ThemeManager.mainViewTheme(Optional.empty(), MainViewModel.Theme.LIGHT, dark));
        assertEquals(MainViewModel.Theme.LIGHT, ThemeManager.mainViewTheme(Optional.of(MainViewModel.Theme.LIGHT), MainViewModel.Theme.LIGHT, dark));
        assertEquals(MainViewModel.Theme.LIGHT, ThemeManager.mainViewTheme(Optional.empty(), MainViewModel.Theme.LIGHT, unanswered));
        assertEquals(MainViewModel.Theme.DARK, ThemeManager.mainViewTheme(Optional.empty(), MainViewModel.Theme.DARK, noPreference));
    }
}
