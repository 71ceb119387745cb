package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.HostileNamesRegistry;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth repos} and {@code berth tags} against a registry whose names carry escape sequences, newlines and {@code ..}. */
class HostileNamesCliTest {

    @TempDir
    Path work;

    @RegisterExtension
    final HostileNamesRegistry registry = new HostileNamesRegistry();

    record Run(int code, String out, String err) {}

    @Test
    void reposPrintsOnlyValidNamesAndWarnsAboutTheOthersEscaped() {
        Run run = berth("repos", registry.host());

        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("ok/repo"), run.out().lines().toList());
        assertNoTerminalControl(run);
        assertFalse(run.err().lines().anyMatch(l -> l.equals("fake") || l.startsWith("fake")), run.err());
        assertTrue(run.err().contains("berth: warning: skipped \"evil\\u001b]0;pwned\\u0007\""), run.err());
        assertTrue(run.err().contains("skipped \"a\\u000afake\""), run.err());
        assertTrue(run.err().contains("skipped \"../../v2/x\""), run.err());
        assertEquals(HostileNamesRegistry.INVALID_REPOSITORIES.size(), run.err().lines().filter(l -> l.contains("skipped")).count());
    }

    @Test
    void tagsPrintsOnlyValidTagsAndJsonHoldsOnlyValidNames() throws Exception {
        Run text = berth("tags", registry.host() + "/ok/repo");
        assertEquals(0, text.code(), text.err());
        assertEquals(List.of("Latest_2", "v1"), text.out().lines().sorted().toList());
        assertNoTerminalControl(text);
        assertFalse(text.err().lines().anyMatch(l -> l.startsWith("fake")), text.err());

        Run json = berth("tags", registry.host() + "/ok/repo", "--json");
        assertEquals(0, json.code(), json.err());
        assertEquals(List.of("Latest_2", "v1"), new ObjectMapper().readValue(json.out(), List.class).stream().sorted().toList());
        assertNoTerminalControl(json);
        assertEquals(List.of(), registry.requestsFromInvalidNames());
    }

    @Test
    void anErrorMessageCarryingRegistryTextIsPrintedEscaped() {
        Run run = berth("inspect", registry.host() + "/nothing/here:v1");

        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("\\u001b]0;pwned\\u0007"), run.err());
        assertNoTerminalControl(run);
    }

    @Test
    void theEscapingStreamKeepsLinesAndEscapesEveryControl() {
        StringWriter target = new StringWriter();
        PrintWriter safe = Output.terminalSafe(new PrintWriter(target));
        safe.print("a\u001b[2Jb\rc\u0007d\u009be\u202ef\tg\n");
        safe.flush();
        assertEquals("a\\u001b[2Jb\\u000dc\\u0007d\\u009be\\u202ef\tg\n", target.toString());
    }

    /** No byte below 0x20 but line ends (and tabs), no DEL, no C1 control (0x9b is CSI on some terminals) — in UTF-8, as a terminal gets it. */
    private static void assertNoTerminalControl(Run run) {
        for (String stream : List.of(run.out(), run.err())) {
            byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean lineEnd = b == '\n' || b == '\t';
                boolean c1 = b == 0xc2 && i + 1 < bytes.length && (bytes[i + 1] & 0xff) >= 0x80 && (bytes[i + 1] & 0xff) <= 0x9f;
                assertFalse(b < 0x20 && !lineEnd || b == 0x7f || b == 0x9b || c1, "byte 0x" + Integer.toHexString(b) + " at " + i
                        + " in: " + stream.replace("\u001b", "<ESC>"));
            }
        }
    }

    private Run berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err), Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString()), work.resolve("home"),
                new RegistryClients());
        String[] plain = java.util.Arrays.copyOf(args, args.length + 1);
        plain[args.length] = "--plain-http";
        int code = BerthCli.run(environment, plain);
        return new Run(code, out.toString(), err.toString());
    }
}
