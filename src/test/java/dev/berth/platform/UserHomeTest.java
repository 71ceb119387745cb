package dev.berth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The home Berth uses is the one {@code docker} uses: the environment first, the user database after. */
class UserHomeTest {

    private static final String DATABASE_HOME = "/home/from-passwd";

    @ParameterizedTest(name = "{0} HOME=''{1}'' USERPROFILE=''{2}'' -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Linux      | /tmp/x         | -            | /tmp/x",
            "Linux      | -              | -            | /home/from-passwd",
            "Linux      | ''             | -            | /home/from-passwd",
            "Linux      | relative/home  | -            | /home/from-passwd",
            "Mac OS X   | /Users/ada     | -            | /Users/ada",
            "Windows 11 | /tmp/x         | /profiles/ada | /profiles/ada",
            "Windows 11 | /tmp/x         | -            | /home/from-passwd",
    })
    void homeIsTheEnvironmentsWhenUsableElseTheUserDatabases(String os, String home, String profile, String expected) {
        Map<String, String> env = new java.util.HashMap<>();
        if (home != null) env.put("HOME", home);
        if (profile != null) env.put("USERPROFILE", profile);
        assertEquals(Path.of(expected), UserHome.of(os, env, DATABASE_HOME));
    }

    @ParameterizedTest(name = "XDG_DATA_HOME=''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "/xdg/data     | /xdg/data",
            "-             | /tmp/x/.local/share",
            "'  '          | /tmp/x/.local/share",
            "relative/data | /tmp/x/.local/share",
    })
    void xdgVariablesCountOnlyWhenAbsolute(String value, String expected) {
        Map<String, String> env = value == null ? Map.of() : Map.of("XDG_DATA_HOME", value);
        assertEquals(Path.of(expected), UserHome.xdg(env, "XDG_DATA_HOME", Path.of("/tmp/x"), ".local/share"));
    }

    /** Any other read of {@code user.home} would bring back the bug this class exists for: a home other than Docker's. */
    @Test
    void nothingElseInBerthReadsUserHome() throws IOException {
        Path sources = Path.of("src", "main", "java");
        Path self = sources.resolve("dev/berth/platform/UserHome.java");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(f -> f.toString().endsWith(".java") && !f.equals(self)).filter(UserHomeTest::readsUserHome).toList();
        }
        assertTrue(Files.isRegularFile(self), "the scan looks in the wrong place: " + sources.toAbsolutePath());
        assertEquals(List.of(), offenders, "read the home through UserHome.current(), never System.getProperty(\"user.home\")");
    }

    private static boolean readsUserHome(Path file) {
        try {
            return Files.readString(file).contains("\"user.home\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
