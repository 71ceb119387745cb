package dev.berth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogDirectoryTest {

    static Stream<Arguments> platforms() {
        Path home = Path.of("/users/ann");
        return Stream.of(
                Arguments.of("Linux", Map.of(), home, Path.of("/users/ann/.local/state/berth/logs")),
                Arguments.of("Linux", Map.of("XDG_STATE_HOME", "/xdg/state"), home, Path.of("/xdg/state/berth/logs")),
                // The XDG spec says a relative value is invalid and to be ignored.
                Arguments.of("Linux", Map.of("XDG_STATE_HOME", "relative/state"), home, Path.of("/users/ann/.local/state/berth/logs")),
                Arguments.of("Mac OS X", Map.of("XDG_STATE_HOME", "/xdg/state"), home, Path.of("/users/ann/Library/Logs/Berth")),
                Arguments.of("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/ann/AppData/Local"), home,
                        Path.of("/c/Users/ann/AppData/Local/Berth/logs")),
                Arguments.of("Windows 11", Map.of(), home, Path.of("/users/ann/AppData/Local/Berth/logs")));
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void isWhereThePlatformKeepsLogs(String os, Map<String, String> env, Path home, Path expected) {
        assertEquals(expected, LogDirectory.of(os, env, home));
    }
}
