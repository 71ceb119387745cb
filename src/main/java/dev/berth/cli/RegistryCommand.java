package dev.berth.cli;

import dev.berth.registry.RegistryClient;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every registry command has: connection options, --json, its environment, and a way to connect. */
abstract class RegistryCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON document to stdout.")
    boolean json;

    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    final CliEnvironment environment;

    RegistryCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    RegistryClient connect(RegistryTarget target) throws IOException {
        return new CliConnector(environment).connect(spec.commandLine(), target.registry(), target.apiHost(), connection);
    }
}
