package dev.berth.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The connection options of a copy, once per side and prefixed as skopeo's are
 * ({@code --src-…}, {@code --dest-…}); each side becomes the {@link ConnectionOptions} the other
 * commands take. Each side also uses the app's saved connection for its registry, as the other
 * commands do.
 */
final class SideConnections {

    @Option(names = "--src-connection", paramLabel = "NAME", description = "The Berth app's saved connection to use for the source "
            + "(see berth connections); without it, the one saved for the source's registry, if only one is.")
    String srcConnection;

    @Option(names = "--src-username", paramLabel = "NAME", description = "User name for the source registry.")
    String srcUsername;

    @Option(names = "--src-password-stdin", description = "Read the source registry's password or token from standard input.")
    boolean srcPasswordStdin;

    @Option(names = "--src-ca-cert", paramLabel = "FILE", description = "PEM file with CA certificate(s) for the source registry.")
    Path srcCaCert;

    @Option(names = "--src-plain-http", description = "Reach the source registry over plain HTTP (loopback only, unless --src-insecure).")
    boolean srcPlainHttp;

    @Option(names = "--src-insecure", description = "With --src-plain-http: allow plain HTTP to a source that is not this machine.")
    boolean srcInsecure;

    @Option(names = "--dest-connection", paramLabel = "NAME", description = "The Berth app's saved connection to use for the "
            + "destination; without it, the one saved for the destination's registry, if only one is.")
    String destConnection;

    @Option(names = "--dest-username", paramLabel = "NAME", description = "User name for the destination registry.")
    String destUsername;

    @Option(names = "--dest-password-stdin", description = "Read the destination registry's password or token from standard input.")
    boolean destPasswordStdin;

    @Option(names = "--dest-ca-cert", paramLabel = "FILE", description = "PEM file with CA certificate(s) for the destination registry.")
    Path destCaCert;

    @Option(names = "--dest-plain-http", description = "Reach the destination over plain HTTP (loopback only, unless --dest-insecure).")
    boolean destPlainHttp;

    @Option(names = "--dest-insecure", description = "With --dest-plain-http: allow plain HTTP to a destination that is not this machine.")
    boolean destInsecure;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Network timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;

    ConnectionOptions source(CommandLine commandLine) {
        checkStdin(commandLine);
        return side(srcConnection, srcUsername, srcPasswordStdin, srcCaCert, srcPlainHttp, srcInsecure);
    }

    ConnectionOptions destination(CommandLine commandLine) {
        checkStdin(commandLine);
        return side(destConnection, destUsername, destPasswordStdin, destCaCert, destPlainHttp, destInsecure);
    }

    private void checkStdin(CommandLine commandLine) {
        if (srcPasswordStdin && destPasswordStdin) {
            throw new CommandLine.ParameterException(commandLine, "standard input holds one password: give --src-password-stdin or "
                    + "--dest-password-stdin, and let the other side use its saved connection or Docker's credentials");
        }
    }

    private ConnectionOptions side(String connection, String username, boolean passwordStdin, Path caCert, boolean plainHttp,
            boolean insecure) {
        ConnectionOptions options = new ConnectionOptions();
        options.connectionName = connection;
        options.username = username;
        options.passwordStdin = passwordStdin;
        options.caCert = caCert;
        options.plainHttp = plainHttp;
        options.insecure = insecure;
        options.timeoutSeconds = timeoutSeconds;
        return options;
    }
}
