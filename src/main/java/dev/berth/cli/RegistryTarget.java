package dev.berth.cli;

import dev.berth.domain.Reference;
import picocli.CommandLine;

/** A registry (and repository) named on the command line, with the host its API answers on. */
record RegistryTarget(String registry, String apiHost, String repository, Reference reference) {

    /** {@code HOST[:PORT]}; {@code docker.io} means Docker Hub. */
    static RegistryTarget ofHost(CommandLine commandLine, String text) {
        String host = text.replaceFirst("^https?://", "").replaceAll("/+$", "");
        Reference probe;
        try {
            probe = Reference.parse(host + "/berth-probe");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "'" + text + "' is not a registry HOST[:PORT]");
        }
        if (!probe.registry().equals(host) && !(probe.isDockerHub() && host.endsWith("docker.io"))) {
            throw new CommandLine.ParameterException(commandLine, "'" + text + "' is not a registry HOST[:PORT] "
                    + "(a registry host contains a '.' or ':' or is 'localhost')");
        }
        return new RegistryTarget(probe.registry(), probe.apiHost(), "", probe);
    }

    /** {@code [docker://]HOST[:PORT]/REPO[:TAG|@DIGEST]} (copy's transport syntax), or a Docker Hub name such as {@code nginx}. */
    static RegistryTarget ofRepository(CommandLine commandLine, String text) {
        try {
            Reference reference = Reference.parse(text.startsWith("docker://") ? text.substring("docker://".length()) : text);
            return new RegistryTarget(reference.registry(), reference.apiHost(), reference.repository(), reference);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }
}
