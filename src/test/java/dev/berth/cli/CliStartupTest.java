package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.RegistryClients;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up does only what the command needs: picocli is given only the command being run, and the
 * HTTP client (TLS, its trust store, the connection pool) is made only when a command reaches a registry.
 */
class CliStartupTest {

    @TempDir
    Path work;

    private final AtomicInteger clientsMade = new AtomicInteger();

    @Test
    void aRunModelsOnlyTheCommandItRuns() {
        assertEquals(Set.of("copy"), BerthCli.commandLine(environment(), "copy", "oci:a", "oci:b").getSubcommands().keySet());
        assertEquals(Set.of("inspect"), BerthCli.commandLine(environment(), "inspect", "--json", "x/y:1").getSubcommands().keySet());
    }

    @Test
    void helpAndUnknownCommandsStillSeeEveryCommand() {
        Set<String> all = Set.of("repos", "tags", "inspect", "rm", "cleanup", "copy", "tag", "images", "undo", "demo",
                "connections");
        assertEquals(all, BerthCli.commandLine(environment(), "--help").getSubcommands().keySet());
        assertEquals(all, BerthCli.commandLine(environment(), "frobnicate").getSubcommands().keySet());
        assertEquals(all, BerthCli.commandLine(environment()).getSubcommands().keySet());
        StringWriter out = new StringWriter();
        assertEquals(BerthCli.OK, BerthCli.run(environment(new PrintWriter(out)), "--help"));
        for (String command : all) assertTrue(out.toString().contains("  " + command + " "), command + " missing from:\n" + out);
    }

    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        for (Class<?> type : BerthCli.COMMANDS) {
            String command = type.getAnnotation(picocli.CommandLine.Command.class).name();
            StringWriter out = new StringWriter();
            assertEquals(BerthCli.OK, BerthCli.run(environment(new PrintWriter(out)), command, "--help"), command);
            assertTrue(out.toString().startsWith("Usage: berth " + command), command + " --help printed:\n" + out);
            assertEquals(0, clientsMade.get(), command + " --help made an HTTP client");
        }
    }

    @Test
    void theCommandListShowsWholeSentences() {
        // The top-level help shows the first line of each description: it must not stop mid-sentence.
        for (Class<?> type : BerthCli.COMMANDS) {
            String[] description = type.getAnnotation(picocli.CommandLine.Command.class).description();
            assertTrue(description[0].strip().endsWith("."), type.getSimpleName() + ": " + description[0]);
        }
    }

    @Test
    void commandsThatReachNoRegistryNeverMakeTheHttpClient() {
        assertEquals(BerthCli.OK, BerthCli.run(environment(), "--version"));
        assertEquals(BerthCli.ERROR, BerthCli.run(environment(), "tags", "oci:" + work.resolve("missing")));
        assertEquals(BerthCli.ERROR, BerthCli.run(environment(), "copy", "oci:" + work.resolve("missing") + ":1",
                "oci:" + work.resolve("out") + ":1"));
        assertEquals(0, clientsMade.get());
    }

    @Test
    void aRegistryCommandMakesItOnce() {
        // Nothing listens on port 9 of this machine: the command fails, after making the client once.
        assertEquals(BerthCli.ERROR, BerthCli.run(environment(), "tags", "--plain-http", "127.0.0.1:9/team/app"));
        assertEquals(1, clientsMade.get());
    }

    private CliEnvironment environment() {
        return environment(new PrintWriter(new StringWriter()));
    }

    private CliEnvironment environment(PrintWriter out) {
        return new CliEnvironment(new ByteArrayInputStream(new byte[0]), out, new PrintWriter(new StringWriter()),
                Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString()), work.resolve("home"),
                new CliEnvironment.OnFirstUse<>(() -> {
                    clientsMade.incrementAndGet();
                    return new RegistryClients();
                }));
    }
}
