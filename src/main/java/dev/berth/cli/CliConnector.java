package dev.berth.cli;

import dev.berth.connection.Connection;
import dev.berth.connection.CredentialsUnavailableException;
import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.http.Remedies;
import dev.berth.registry.tls.TlsConfigurationException;
import dev.berth.registry.tls.TlsContext;
import dev.berth.registry.tls.TlsContextFactory;
import dev.berth.registry.tls.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Turns a command's connection options into a connected {@link RegistryClient}. The app's saved
 * connection for the registry fills in what the options leave out (TLS files, plain HTTP, how to
 * sign in); without one, Docker's logins are the credentials, as for {@code docker}.
 */
final class CliConnector {

    private final CliEnvironment environment;
    private final SavedConnections saved;

    CliConnector(CliEnvironment environment) {
        this.environment = environment;
        this.saved = new SavedConnections(environment);
    }

    /**
     * Connects to {@code apiHost}; {@code registry} is the name Docker's config and the saved
     * connections know it by ({@code docker.io} for Docker Hub, whose API host differs).
     */
    RegistryClient connect(CommandLine commandLine, String registry, String apiHost, ConnectionOptions options) throws IOException {
        if (options.insecure && !options.plainHttp) {
            throw new CommandLine.ParameterException(commandLine, "--insecure only goes with --plain-http");
        }
        if (options.timeoutSeconds <= 0) throw new CommandLine.ParameterException(commandLine, "--timeout must be positive");
        Optional<Connection> connection = saved.forRegistry(commandLine, registry, Optional.ofNullable(options.connectionName));
        boolean plainHttp = options.plainHttp || connection.map(Connection::plainHttp).orElse(false);
        boolean insecure = options.insecure || connection.map(Connection::allowInsecureRemote).orElse(false);
        ConnectionSettings settings = ConnectionSettings.of(apiHost)
                .withCredentials(credentials(commandLine, registry, options, connection))
                .withPlainHttp(plainHttp, insecure)
                .withTimeout(Duration.ofSeconds(options.timeoutSeconds));
        TlsSettings tls = connection.isPresent() ? savedTls(connection.get()) : TlsSettings.defaults(environment.home());
        if (options.caCert != null) tls = tls.withCaFile(options.caCert);
        TlsContext context = tlsContext(apiHost, tls, connection);
        // Errors advise in the command line's words (--ca-cert, --timeout), not the app's settings.
        RegistryClients clients = environment.clients().advising(Remedies.COMMAND_LINE);
        return clients.connectDetectingScheme(settings, context.applyTo(clients.sharedHttpClient().newBuilder()));
    }

    private Credentials credentials(CommandLine commandLine, String registry, ConnectionOptions options, Optional<Connection> connection)
            throws IOException {
        if (options.username != null) {
            if (!options.passwordStdin) {
                throw new CommandLine.ParameterException(commandLine, "--username needs --password-stdin (passwords are never taken as arguments)");
            }
            String secret = new String(environment.in().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) throw new CommandLine.ParameterException(commandLine, "no password was given on standard input");
            return Credentials.basic(options.username, secret);
        }
        if (options.passwordStdin) throw new CommandLine.ParameterException(commandLine, "--password-stdin needs --username");
        if (connection.isPresent()) return savedCredentials(connection.get());
        Optional<Credentials> docker;
        try {
            DockerConfig config = DockerConfig.load(DockerConfig.locate(environment.variables(), environment.home()));
            docker = DockerCredentials.of(config).lookup(registry);
        } catch (IOException e) {
            environment.err().println("berth: warning: Docker's credentials could not be read (" + e.getMessage()
                    + "); continuing without credentials.");
            docker = Optional.empty();
        }
        return docker.orElse(Credentials.anonymous());
    }

    /** The connection's credentials as the app finds them: none, its saved password, or Docker's login. */
    private Credentials savedCredentials(Connection connection) throws IOException {
        try {
            return saved.resolver().credentials(connection);
        } catch (CredentialsUnavailableException e) {
            throw forTheCommandLine(e, connection);
        }
    }

    /** The connection's CA file and client certificate, with the {@code certs.d} roots under the CLI's home. */
    private TlsSettings savedTls(Connection connection) throws IOException {
        try {
            return connection.tls().toSettings(TlsSettings.defaultCertsDirectories(environment.home()),
                    saved.resolver().clientCertificatePassword(connection));
        } catch (CredentialsUnavailableException e) {
            throw forTheCommandLine(e, connection);
        }
    }

    private static TlsContext tlsContext(String apiHost, TlsSettings tls, Optional<Connection> connection) throws IOException {
        try {
            return new TlsContextFactory().forRegistry(apiHost, tls);
        } catch (TlsConfigurationException e) {
            if (connection.isEmpty()) throw e;
            throw new IOException("The TLS files of the saved connection “" + connection.get().name() + "” cannot be used: "
                    + e.getMessage() + " Fix them in the Berth app's connection settings.", e);
        }
    }

    /**
     * The app's words, with what the command line can do instead. A password the app keeps only while
     * it runs (no keyring here) is out of the command line's reach whatever the app says to enter.
     */
    private IOException forTheCommandLine(CredentialsUnavailableException e, Connection connection) {
        if (e.reason() == CredentialsUnavailableException.Reason.NO_CLIENT_CERTIFICATE_PASSWORD) {
            return new IOException(e.getMessage() + " (in the Berth app; the command line reads it from there).", e);
        }
        if (e.reason() == CredentialsUnavailableException.Reason.NO_PASSWORD_SAVED && !saved.keepsPasswords()) {
            return new IOException("The saved connection “" + connection.name() + "” signs in with a password, which the Berth app "
                    + "keeps only while it runs here: it found no keyring on this computer. Give --username NAME --password-stdin.", e);
        }
        return new IOException(e.getMessage() + " Or give --username NAME --password-stdin.", e);
    }
}
