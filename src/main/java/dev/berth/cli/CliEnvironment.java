package dev.berth.cli;

import dev.berth.platform.UserHome;
import dev.berth.registry.RegistryClients;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch outside itself: standard streams, environment variables, the home
 * directory and the HTTP client. Tests substitute all of them.
 */
public record CliEnvironment(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> variables, Path home,
        RegistryClients clients) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    public static CliEnvironment system() {
        return new CliEnvironment(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.getenv(),
                UserHome.current(), new RegistryClients());
    }

    /** The same environment writing to other standard streams. */
    public CliEnvironment withStreams(PrintWriter newOut, PrintWriter newErr) {
        return new CliEnvironment(in, newOut, newErr, variables, home, clients);
    }
}
