package dev.berth.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each OS's convention for config and cache directories, with environment and home injected. */
class ConfigDirectoriesTest {

    private static final Path MAC_HOME = Path.of(System.getProperty("java.io.tmpdir"), "berth-test-home", "mac-ada");
    private static final Path HOME = Path.of(System.getProperty("java.io.tmpdir"), "berth-test-home", "ada");

    @Test
    void linuxFollowsXdgVariables() {
        ConfigDirectories dirs = ConfigDirectories.of("Linux",
                Map.of("XDG_CONFIG_HOME", "/xdg/config", "XDG_CACHE_HOME", "/xdg/cache"), HOME);
        assertEquals(Path.of("/xdg/config/berth"), dirs.config());
        assertEquals(Path.of("/xdg/cache/berth"), dirs.cache());
        assertEquals(Path.of("/xdg/config/berth/connections.json"), dirs.connectionsFile());
    }

    @Test
    void linuxFallsBackToDotConfigAndDotCache() {
        ConfigDirectories dirs = ConfigDirectories.of("Linux", Map.of(), HOME);
        assertEquals(HOME.resolve(".config/berth"), dirs.config());
        assertEquals(HOME.resolve(".cache/berth"), dirs.cache());
    }

    @Test
    void relativeOrBlankXdgValuesAreIgnoredAsTheSpecSays() {
        ConfigDirectories dirs = ConfigDirectories.of("Linux", Map.of("XDG_CONFIG_HOME", "relative/dir", "XDG_CACHE_HOME", " "), HOME);
        assertEquals(HOME.resolve(".config/berth"), dirs.config());
        assertEquals(HOME.resolve(".cache/berth"), dirs.cache());
    }

    @Test
    void otherUnixesUseXdgToo() {
        assertEquals(HOME.resolve(".config/berth"), ConfigDirectories.of("FreeBSD", Map.of(), HOME).config());
    }

    @Test
    void macOsUsesLibrary() {
        ConfigDirectories dirs = ConfigDirectories.of("Mac OS X", Map.of("XDG_CONFIG_HOME", "/ignored"), MAC_HOME);
        assertEquals(MAC_HOME.resolve("Library/Application Support/Berth"), dirs.config());
        assertEquals(MAC_HOME.resolve("Library/Caches/Berth"), dirs.cache());
    }

    @Test
    void windowsUsesAppData() {
        ConfigDirectories dirs = ConfigDirectories.of("Windows 11",
                Map.of("APPDATA", "/profiles/ada/Roaming", "LOCALAPPDATA", "/profiles/ada/Local"), HOME);
        assertEquals(Path.of("/profiles/ada/Roaming/Berth"), dirs.config());
        assertEquals(Path.of("/profiles/ada/Local/Berth/Cache"), dirs.cache());
    }

    @Test
    void windowsWithoutAppDataUsesTheProfileDefaults() {
        ConfigDirectories dirs = ConfigDirectories.of("Windows 10", Map.of(), HOME);
        assertEquals(HOME.resolve("AppData").resolve("Roaming").resolve("Berth"), dirs.config());
        assertEquals(HOME.resolve("AppData").resolve("Local").resolve("Berth").resolve("Cache"), dirs.cache());
    }
}
