package dev.berth.cli;

import dev.berth.connection.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth connections}: the Berth app's saved connections, which the other commands use; never a secret. */
@Command(name = "connections", description = {"List the connections saved in the Berth app, which the other commands use.",
        "A command uses the one saved for its registry, or the one --connection NAME names; its own options win over it."})
final class ConnectionsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON document to stdout.")
    boolean json;

    private final CliEnvironment environment;

    ConnectionsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        SavedConnections saved = new SavedConnections(environment);
        List<Connection> connections = saved.all();
        if (json) {
            new Output(environment.out()).json(connections.stream().map(ConnectionsCommand::toJson).toList());
            return BerthCli.OK;
        }
        if (connections.isEmpty()) {
            environment.err().println("berth: no saved connections in " + saved.file() + "; add one in the Berth app.");
            return BerthCli.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "ADDRESS", "SIGN-IN", "TRANSPORT"});
        for (Connection c : connections) rows.add(new String[] {c.name(), address(c), signIn(c), transport(c)});
        new Output(environment.out()).table(rows);
        return BerthCli.OK;
    }

    /** What a script needs to choose one: names and settings, and where secrets are only said to exist. */
    private static Map<String, Object> toJson(Connection connection) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", connection.name());
        json.put("address", address(connection));
        json.put("auth", connection.isFolder() ? "folder" : connection.auth().name().toLowerCase(Locale.ROOT));
        connection.username().ifPresent(user -> json.put("username", user));
        connection.tls().caFile().ifPresent(file -> json.put("caFile", file.toString()));
        json.put("clientCertificate", connection.tls().clientCertificate().isPresent());
        json.put("plainHttp", connection.plainHttp());
        return json;
    }

    private static String address(Connection connection) {
        return connection.folder().map(Object::toString).orElse(connection.registry());
    }

    private static String signIn(Connection connection) {
        if (connection.isFolder()) return "-";
        return switch (connection.auth()) {
            case NONE -> "none";
            case PASSWORD -> "password as " + connection.username().orElseThrow();
            case DOCKER -> "docker login";
        };
    }

    private static String transport(Connection connection) {
        if (connection.isFolder()) return "folder";
        if (connection.plainHttp()) return "plain http";
        List<String> parts = new ArrayList<>(List.of("https"));
        if (connection.tls().caFile().isPresent()) parts.add("CA file");
        if (connection.tls().clientCertificate().isPresent()) parts.add("client certificate");
        return String.join(", ", parts);
    }
}
