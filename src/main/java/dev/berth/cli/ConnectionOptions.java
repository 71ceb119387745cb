package dev.berth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command takes to reach a registry. What is not given here comes from the desktop
 * app's saved connection for the registry, if there is one (see {@link SavedConnections}).
 */
final class ConnectionOptions {

    @Option(names = "--connection", paramLabel = "NAME", description = "Use the saved connection of the Berth app with this name "
            + "(see berth connections). Without it, the one saved for the image's registry is used, if only one is.")
    String connectionName;

    @Option(names = "--username", paramLabel = "NAME", description = "User name (the password or token is read from stdin with --password-stdin).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password or token from standard input.")
    boolean passwordStdin;

    @Option(names = "--ca-cert", paramLabel = "FILE", description = "PEM file with the CA certificate(s) to trust for this registry.")
    Path caCert;

    @Option(names = "--plain-http", description = "Use plain HTTP (allowed for loopback hosts only, unless --insecure is also given).")
    boolean plainHttp;

    @Option(names = "--insecure", description = "With --plain-http: allow plain HTTP to a host that is not this machine.")
    boolean insecure;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Network timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;
}
