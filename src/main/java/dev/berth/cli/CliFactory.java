package dev.berth.cli;

import picocli.CommandLine;

/** Gives every command the environment it runs in (constructor injection for picocli). */
final class CliFactory implements CommandLine.IFactory {

    private final CliEnvironment environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CliFactory(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return type.getDeclaredConstructor(CliEnvironment.class).newInstance(environment);
        } catch (NoSuchMethodException noEnvironmentConstructor) {
            return fallback.create(type);
        }
    }
}
