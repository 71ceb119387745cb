package dev.berth.cli;

import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.http.Remedies;
import dev.berth.registry.tls.TlsContext;
import dev.berth.registry.tls.TlsContextFactory;
import dev.berth.registry.tls.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;

/** Turns a command's connection options into a connected {@link RegistryClient}. */
final class CliConnector {

    private final CliEnvironment environment;

    CliConnector(CliEnvironment environment) {
        this.environment = environment;
    }

    /**
     * Connects to {@code apiHost}; {@code registry} is the name Docker's config knows it by
     * ({@code docker.io} for Docker Hub, whose API host differs).
     */
    RegistryClient connect(CommandLine commandLine, String registry, String apiHost, ConnectionOptions options) throws IOException {
        if (options.insecure && !options.plainHttp) {
            throw new CommandLine.ParameterException(commandLine, "--insecure only goes with --plain-http");
        }
        if (options.timeoutSeconds <= 0) throw new CommandLine.ParameterException(commandLine, "--timeout must be positive");
        ConnectionSettings settings = ConnectionSettings.of(apiHost)
                .withCredentials(credentials(commandLine, registry, options))
                .withPlainHttp(options.plainHttp, options.insecure)
                .withTimeout(Duration.ofSeconds(options.timeoutSeconds));
        TlsSettings tls = TlsSettings.defaults(environment.home());
        if (options.caCert != null) tls = tls.withCaFile(options.caCert);
        TlsContext context = new TlsContextFactory().forRegistry(apiHost, tls);
        // Errors advise in the command line's words (--ca-cert, --timeout), not the app's settings.
        RegistryClients clients = environment.clients().advising(Remedies.COMMAND_LINE);
        return clients.connectDetectingScheme(settings, context.applyTo(clients.sharedHttpClient().newBuilder()));
    }

    private Credentials credentials(CommandLine commandLine, String registry, ConnectionOptions options) throws IOException {
        if (options.username != null) {
            if (!options.passwordStdin) {
                throw new CommandLine.ParameterException(commandLine, "--username needs --password-stdin (passwords are never taken as arguments)");
            }
            String secret = new String(environment.in().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) throw new CommandLine.ParameterException(commandLine, "no password was given on standard input");
            return Credentials.basic(options.username, secret);
        }
        if (options.passwordStdin) throw new CommandLine.ParameterException(commandLine, "--password-stdin needs --username");
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
}
