package dev.berth.connection.docker;

import dev.berth.connection.docker.DockerConfig.AuthEntry;
import dev.berth.registry.auth.Credentials;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds the credentials Docker would use for a registry, by Docker's rules: a {@code credHelpers}
 * entry for the host decides, else the {@code credsStore} helper, else the plaintext
 * {@code auths}. The first rule that applies is final, as in Docker: when a helper is configured,
 * a leftover plaintext password in {@code auths} is not used even if the helper has nothing.
 */
public final class DockerCredentials {

    private final DockerConfig config;
    private final Function<String, CredentialHelper> helpers;

    /**
     * @param helpers makes the helper for a suffix; tests use it to point helpers at temporary
     *                stores, Berth at large uses {@link #of(DockerConfig)}
     */
    public DockerCredentials(DockerConfig config, Function<String, CredentialHelper> helpers) {
        this.config = Objects.requireNonNull(config, "config");
        this.helpers = Objects.requireNonNull(helpers, "helpers");
    }

    public static DockerCredentials of(DockerConfig config) {
        return new DockerCredentials(config, CredentialHelper::named);
    }

    public DockerConfig config() {
        return config;
    }

    /**
     * The helper suffix that holds this registry's credentials ({@code credHelpers}, else
     * {@code credsStore}); empty when they would live in config.json itself.
     */
    public Optional<String> helperFor(String registryHost) {
        return config.credHelperFor(registryHost).or(config::credsStore);
    }

    /**
     * Docker's credentials for {@code registryHost} (any spelling: {@code ghcr.io},
     * {@code https://ghcr.io}, {@code registry-1.docker.io}…); empty when Docker has none.
     *
     * @throws CredentialHelperException the configured helper is missing, hangs or fails
     */
    public Optional<Credentials> lookup(String registryHost) throws CredentialHelperException {
        Optional<String> helper = helperFor(registryHost);
        if (helper.isEmpty()) return config.authFor(registryHost).flatMap(AuthEntry::credentials);
        CredentialHelper client = helpers.apply(helper.get());
        // Helpers match the stored URL exactly, so ask for each spelling Docker may have stored.
        for (String key : DockerHosts.keysFor(registryHost)) {
            Optional<Credentials> found = client.get(key);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /**
     * Every registry Docker knows of, normalised and sorted: {@code auths} keys,
     * {@code credHelpers} keys and what the {@code credsStore} helper lists. Docker Hub appears
     * as {@link DockerHosts#DOCKER_HUB}. A credsStore may hold entries other tools put there.
     *
     * @throws CredentialHelperException the credsStore helper cannot list its entries
     */
    public List<String> knownRegistries() throws CredentialHelperException {
        TreeSet<String> hosts = new TreeSet<>();
        config.auths().keySet().forEach(key -> hosts.add(DockerHosts.normalise(key)));
        hosts.addAll(config.credHelpers().keySet());
        if (config.credsStore().isPresent()) {
            helpers.apply(config.credsStore().get()).list().keySet()
                    .forEach(url -> hosts.add(DockerHosts.normalise(url)));
        }
        hosts.remove("");
        return List.copyOf(hosts);
    }
}
