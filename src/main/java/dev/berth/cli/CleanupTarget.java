package dev.berth.cli;

import java.util.Optional;
import picocli.CommandLine;

/**
 * What {@code berth cleanup} works on: one repository ({@code HOST/team/app}) or every repository
 * under a namespace from the catalog ({@code HOST/team/}, or {@code HOST/} for all).
 */
record CleanupTarget(RegistryTarget registry, Optional<String> repository, String namespace) {

    static CleanupTarget parse(CommandLine commandLine, String text) {
        int slash = text.replaceFirst("^https?://", "").indexOf('/');
        if (slash < 0) {
            throw new CommandLine.ParameterException(commandLine, "'" + text + "': give HOST[:PORT]/REPO, or HOST[:PORT]/NAMESPACE/ "
                    + "(ending in '/') for every repository under it");
        }
        if (text.endsWith("/")) {
            String stripped = text.replaceFirst("^https?://", "");
            String host = stripped.substring(0, slash);
            return new CleanupTarget(RegistryTarget.ofHost(commandLine, host), Optional.empty(), stripped.substring(slash + 1));
        }
        String last = text.substring(text.lastIndexOf('/') + 1);
        if (last.contains(":") || last.contains("@")) {
            throw new CommandLine.ParameterException(commandLine, "'" + text + "' names a tag or digest; cleanup takes a repository "
                    + "(rules pick the tags)");
        }
        RegistryTarget target = RegistryTarget.ofRepository(commandLine, text);
        return new CleanupTarget(target, Optional.of(target.repository()), "");
    }

    String describe() {
        return registry.registry() + "/" + repository.orElse(namespace.isEmpty() ? "(every repository)" : namespace + "*");
    }
}
