package dev.berth.connection;

import dev.berth.connection.docker.CredentialHelperException;
import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.connection.docker.DockerHosts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proposes connections for the registries Docker already knows: the {@code auths} and
 * {@code credHelpers} of config.json and what its {@code credsStore} helper lists. Each proposal signs
 * in with Docker's login ({@link AuthMode#DOCKER}), so no password is copied. Nothing is saved here;
 * the person picks which proposals to add.
 */
public final class DockerImport {

    /**
     * @param proposals new connections, one per registry, sorted by registry
     * @param alreadyPresent registries Docker knows that a saved connection already points at
     * @param problem why the list may be incomplete (the credsStore helper could not list its entries)
     */
    public record Result(List<Connection> proposals, List<String> alreadyPresent, Optional<String> problem) {
        public Result {
            proposals = List.copyOf(proposals);
            alreadyPresent = List.copyOf(alreadyPresent);
            Objects.requireNonNull(problem, "problem");
        }
    }

    private final DockerCredentials docker;

    public DockerImport(DockerCredentials docker) {
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    /**
     * The proposals, leaving out registries that one of {@code existing} already points at. Runs the
     * credsStore helper's {@code list} (no secrets are read): not on the FX thread.
     */
    public Result propose(List<Connection> existing) {
        Set<String> known = new TreeSet<>();
        Optional<String> problem = Optional.empty();
        DockerConfig config = docker.config();
        config.auths().keySet().forEach(key -> known.add(DockerHosts.normalise(key)));
        known.addAll(config.credHelpers().keySet());
        if (config.credsStore().isPresent()) {
            try {
                known.addAll(docker.knownRegistries());
            } catch (CredentialHelperException e) {
                // auths and credHelpers are still worth proposing; say why the helper's are missing.
                problem = Optional.of("The registries in Docker's credential store could not be listed: " + e.getMessage());
            }
        }

        Set<String> present = new LinkedHashSet<>();
        existing.forEach(c -> present.add(c.registry()));
        List<Connection> proposals = new ArrayList<>();
        List<String> alreadyPresent = new ArrayList<>();
        Set<String> proposed = new LinkedHashSet<>();
        for (String host : known) {
            // A helper shared with Berth lists Berth's own secrets too; they name no registry.
            if (host.isEmpty() || SecretKey.isBerthUrl(host) || !RegistryAddress.isValid(host)) continue;
            RegistryAddress address = RegistryAddress.parse(host);
            if (present.contains(address.registry())) {
                if (!alreadyPresent.contains(address.registry())) alreadyPresent.add(address.registry());
                continue;
            }
            if (!proposed.add(address.registry())) continue; // two spellings of one registry
            proposals.add(new Connection(ConnectionId.random(), Connection.defaultName(address), address.registry(),
                    AuthMode.DOCKER, Optional.empty(), TlsOptions.system(), false, false, List.of(), Optional.empty()));
        }
        return new Result(proposals, alreadyPresent, problem);
    }
}
