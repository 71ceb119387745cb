package dev.berth.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.paint.Color;

/** Applies the AtlantaFX theme, and reads whether the desktop prefers dark (off the FX thread). */
final class ThemeManager {

    private ThemeManager() {}

    static void apply(MainViewModel.Theme theme) {
        Application.setUserAgentStylesheet(theme == MainViewModel.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /**
     * The theme's window background ({@code -color-bg-default} of Primer Light and Dark), for what is painted before
     * the theme's stylesheet is loaded: the first frame of the window must not flash white in dark mode.
     */
    static Color background(MainViewModel.Theme theme) {
        return theme == MainViewModel.Theme.DARK ? Color.web("#0d1117") : Color.WHITE;
    }

    /** The theme of the first frame: the user's choice, else what the environment says at once, else light. */
    static MainViewModel.Theme firstTheme(Optional<MainViewModel.Theme> chosen, Map<String, String> environment) {
        return chosen.or(() -> environmentPreference(environment)).orElse(MainViewModel.Theme.LIGHT);
    }

    /**
     * The theme to build the main view in: the first frame's, unless the user has not chosen and the desktop's answer
     * ({@link #desktopPreference}, asked when the start began) is already in. The main view is built a frame after the
     * window is shown, by when {@code gsettings} has usually answered: a dark desktop then gets a dark main view at once,
     * instead of a light one restyled (a flash, and a second full CSS pass) when the answer comes.
     */
    static MainViewModel.Theme mainViewTheme(Optional<MainViewModel.Theme> chosen, MainViewModel.Theme firstTheme,
            CompletableFuture<Optional<MainViewModel.Theme>> desktop) {
        if (chosen.isPresent()) return chosen.get();
        return desktop.getNow(Optional.empty()).orElse(firstTheme);
    }

    /** GTK_THEME ending in ":dark": read without running anything, so it can decide the first frame. */
    static Optional<MainViewModel.Theme> environmentPreference(Map<String, String> environment) {
        String gtk = environment.getOrDefault("GTK_THEME", "");
        return gtk.toLowerCase().endsWith(":dark") ? Optional.of(MainViewModel.Theme.DARK) : Optional.empty();
    }

    /**
     * The desktop's preference where it can be read: GTK_THEME ending in ":dark", or GNOME's
     * color-scheme setting. Runs a process: never call it on the FX thread.
     */
    static Optional<MainViewModel.Theme> desktopPreference(Map<String, String> environment) {
        Optional<MainViewModel.Theme> fromEnvironment = environmentPreference(environment);
        if (fromEnvironment.isPresent()) return fromEnvironment;
        try {
            Process process = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                    .redirectErrorStream(true).start();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String value = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) return Optional.empty();
            return Optional.of(value.contains("dark") ? MainViewModel.Theme.DARK : MainViewModel.Theme.LIGHT);
        } catch (IOException e) {
            return Optional.empty(); // no gsettings: not a GNOME desktop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
