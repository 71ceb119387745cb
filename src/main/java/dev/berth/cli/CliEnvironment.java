package dev.berth.cli;

import dev.berth.platform.UserHome;
import dev.berth.registry.RegistryClients;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a command may touch outside itself: standard streams, environment variables, the home
 * directory and the HTTP client. Tests substitute all of them.
 *
 * @param registryClients made on first use: building the HTTP client loads TLS and its trust store,
 *                        which a command that never reaches a registry should not wait for
 */
public record CliEnvironment(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> variables, Path home,
        Supplier<RegistryClients> registryClients) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    public CliEnvironment(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> variables, Path home,
            RegistryClients clients) {
        this(in, out, err, variables, home, () -> clients);
    }

    public static CliEnvironment system() {
        return new CliEnvironment(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.getenv(),
                UserHome.current(), new OnFirstUse<>(RegistryClients::new));
    }

    /** The HTTP clients, made the first time a command asks. */
    public RegistryClients clients() {
        return registryClients.get();
    }

    /** The same environment writing to other standard streams. */
    public CliEnvironment withStreams(PrintWriter newOut, PrintWriter newErr) {
        return new CliEnvironment(in, newOut, newErr, variables, home, registryClients);
    }

    /** Makes its value once, on the first call, from whichever thread asks first. */
    static final class OnFirstUse<T> implements Supplier<T> {
        private final Supplier<T> make;
        private T value;

        OnFirstUse(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public synchronized T get() {
            if (value == null) value = make.get();
            return value;
        }
    }
}
