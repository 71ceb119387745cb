package dev.berth.cli;

import dev.berth.connection.ConfigDirectories;
import dev.berth.connection.Connection;
import dev.berth.connection.ConnectionStore;
import dev.berth.connection.CredentialsResolver;
import dev.berth.connection.LoadResult;
import dev.berth.connection.RegistryAddress;
import dev.berth.connection.SecretKey;
import dev.berth.connection.SecretStore;
import dev.berth.connection.SecretStoreException;
import dev.berth.connection.SecretStores;
import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The desktop app's saved connections, as the command line uses them: read from the app's config
 * directory (under the home and variables the CLI was given) once, on first need; a file that cannot
 * be read is a warning on stderr, never a failed command. Secrets come from where the app keeps
 * them, through the app's {@link CredentialsResolver}; the secret store is looked for only when a
 * connection needs a secret, since trying credential helpers may take seconds.
 */
final class SavedConnections {

    private final CliEnvironment environment;
    private final ConfigDirectories directories;
    private final Supplier<SecretStore> secrets;
    private final CredentialsResolver resolver;
    private List<Connection> connections;

    SavedConnections(CliEnvironment environment) {
        this.environment = environment;
        String os = System.getProperty("os.name", "");
        this.directories = ConfigDirectories.of(os, environment.variables(), environment.home());
        this.secrets = new CliEnvironment.OnFirstUse<>(() -> SecretStores.detect(os, environment.variables(), environment.home()));
        this.resolver = new CredentialsResolver(new StoreFoundOnFirstUse(secrets),
                () -> DockerCredentials.of(DockerConfig.load(DockerConfig.locate(environment.variables(), environment.home()))));
    }

    /** Where the app keeps them. */
    Path file() {
        return directories.connectionsFile();
    }

    /** Every saved connection, in the app's order; none when the file is missing or unreadable (then said on stderr). */
    synchronized List<Connection> all() {
        if (connections == null) connections = read();
        return connections;
    }

    /**
     * The saved connection a command reaching {@code registry} uses: the one {@code name} names, else
     * the only one saved for that registry. Several for one registry use none, with a note on stderr
     * naming them.
     *
     * @throws CommandLine.ParameterException {@code name} names no saved connection, a folder, or a connection to another registry
     */
    Optional<Connection> forRegistry(CommandLine commandLine, String registry, Optional<String> name) {
        String wanted = canonical(registry);
        if (name.isPresent()) return Optional.of(named(commandLine, name.get(), wanted));
        List<Connection> matching = all().stream().filter(c -> !c.isFolder() && c.registry().equals(wanted)).toList();
        if (matching.size() > 1) {
            environment.err().println("berth: note: " + matching.size() + " saved connections are for " + wanted + " (" + quoted(matching)
                    + "), so none of them is used; choose one with --connection NAME.");
        }
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    /** Finds a connection's secrets as the app does, from the app's secret store and Docker's logins. */
    CredentialsResolver resolver() {
        return resolver;
    }

    /** Whether the app's passwords outlive it here; looks for the secret store. */
    boolean keepsPasswords() {
        return secrets.get().isPersistent();
    }

    private Connection named(CommandLine commandLine, String name, String registry) {
        List<Connection> named = all().stream().filter(c -> c.name().equals(name.strip())).toList();
        if (named.isEmpty()) {
            String saved = all().isEmpty() ? "There are no saved connections (the Berth app keeps them in " + file() + ")."
                    : "Saved connections: " + quoted(all()) + ".";
            throw new CommandLine.ParameterException(commandLine, "no saved connection is named “" + name + "”. " + saved
                    + " List them with: berth connections; or leave out --connection to use the options given.");
        }
        if (named.size() > 1) {
            throw new CommandLine.ParameterException(commandLine, named.size() + " saved connections are named “" + name
                    + "”: rename one in the Berth app.");
        }
        Connection connection = named.get(0);
        if (connection.isFolder()) {
            throw new CommandLine.ParameterException(commandLine, "the saved connection “" + name + "” is a folder of image layouts, "
                    + "not a registry: name it as oci:" + connection.folder().orElseThrow() + "/REPO instead.");
        }
        if (!connection.registry().equals(registry)) {
            throw new CommandLine.ParameterException(commandLine, "the saved connection “" + name + "” is for " + connection.registry()
                    + ", not " + registry + ": name an image on " + connection.registry() + ", or another connection.");
        }
        return connection;
    }

    private List<Connection> read() {
        ConnectionStore store = new ConnectionStore(file(), new StoreFoundOnFirstUse(secrets), Clock.systemUTC());
        try {
            LoadResult loaded = store.load();
            loaded.problem().ifPresent(problem -> environment.err().println("berth: warning: " + problem.message()));
            return loaded.connections();
        } catch (IOException | RuntimeException e) {
            environment.err().println("berth: warning: the saved connections in " + file() + " could not be read (" + e.getMessage()
                    + "); continuing without them.");
            return List.of();
        }
    }

    /** As the app writes addresses, so that {@code LOCALHOST:5000} finds {@code localhost:5000}. */
    private static String canonical(String registry) {
        try {
            return RegistryAddress.parse(registry).registry();
        } catch (IllegalArgumentException e) {
            return registry;
        }
    }

    private static String quoted(List<Connection> connections) {
        return connections.stream().map(c -> "“" + c.name() + "”").collect(Collectors.joining(", "));
    }

    /** The secret store, looked for when a secret is first asked for. */
    private record StoreFoundOnFirstUse(Supplier<SecretStore> store) implements SecretStore {
        @Override
        public Kind kind() {
            return store.get().kind();
        }

        @Override
        public String description() {
            return store.get().description();
        }

        @Override
        public Optional<Credentials> get(SecretKey key) throws SecretStoreException {
            return store.get().get(key);
        }

        @Override
        public void put(SecretKey key, Credentials secret) throws SecretStoreException {
            store.get().put(key, secret);
        }

        @Override
        public boolean erase(SecretKey key) throws SecretStoreException {
            return store.get().erase(key);
        }
    }
}
