package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.registry.RegistryClients;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of the {@code berth} command line: its exit code and what it printed. */
record CliRun(int code, String out, String err) {

    JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out);
    }

    /** Runs {@code args} with the home and an empty Docker config inside {@code work}, never the real ones. */
    static CliRun in(Path work, String... args) {
        return of(work.resolve("home"), Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString()), "", args);
    }

    /** Runs {@code args} with {@code stdin} as standard input, {@code home} as the home directory and only {@code variables} set. */
    static CliRun of(Path home, Map<String, String> variables, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), variables, home, new RegistryClients());
        int code = BerthCli.run(environment, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
