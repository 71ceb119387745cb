package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
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
}
