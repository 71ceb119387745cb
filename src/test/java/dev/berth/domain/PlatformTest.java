package dev.berth.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "linux/arm64/v8, linux,   arm64,   v8",
            "linux/amd64,    linux,   amd64,   -",
            "linux/arm/v7,   linux,   arm,     v7",
            "windows/amd64,  windows, amd64,   -",
            "unknown/unknown, unknown, unknown, -"})
    void parsesAndRendersOsArchVariant(String text, String os, String arch, String variant) {
        Platform platform = Platform.parse(text);
        assertAll(
                () -> assertEquals(os, platform.os()),
                () -> assertEquals(arch, platform.architecture()),
                () -> assertEquals(Optional.ofNullable(variant), platform.variant()),
                () -> assertEquals(Optional.empty(), platform.osVersion()),
                () -> assertEquals(text, platform.toString()),
                () -> assertEquals(Platform.of(os, arch, variant), platform));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "linux", "linux/", "/amd64", "/", "//", "linux//v8", " /amd64", "linux/arm64/v8/extra"})
    void rejectsInvalidForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("expected os/arch[/variant]"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
            "unknown, unknown, true",
            "linux,   unknown, false",
            "unknown, amd64,   false",
            "linux,   amd64,   false",
            "Unknown, Unknown, false"})
    void isUnknown(String os, String arch, boolean expected) {
        assertEquals(expected, Platform.of(os, arch).isUnknown());
    }

    @Test
    void blankVariantAndOsVersionCountAsAbsent() {
        Platform platform = new Platform("linux", "amd64", Optional.of(" "), Optional.of(""));
        assertEquals(Optional.empty(), platform.variant());
        assertEquals(Optional.empty(), platform.osVersion());
        assertEquals("linux/amd64", platform.toString());
        assertEquals(Platform.of("linux", "amd64"), platform);
    }

    @Test
    void osVersionIsKeptButNotRendered() {
        Platform platform = new Platform("windows", "amd64", Optional.empty(), Optional.of("10.0.17763.1879"));
        assertEquals(Optional.of("10.0.17763.1879"), platform.osVersion());
        assertEquals("windows/amd64", platform.toString());
    }

    @Test
    void ofWithNullVariantHasNone() {
        assertEquals(Optional.empty(), Platform.of("linux", "amd64", null).variant());
    }
}
