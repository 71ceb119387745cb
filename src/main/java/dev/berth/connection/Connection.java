package dev.berth.connection;

import dev.berth.domain.Reference;
import dev.berth.registry.Capabilities;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.auth.Credentials;
import dev.berth.registry.tls.TlsSettings;
import dev.berth.store.FolderRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved registry connection: where the registry is, how to sign in and which TLS material to use,
 * the repositories added by hand (for registries without a catalog) and the capabilities found by the
 * last probe. It holds no secret, so it can be written to the connections file and shown anywhere.
 *
 * @param id                  stable identity; also keys the connection's secrets
 * @param name                what the person calls it (not blank)
 * @param registry            {@code host[:port]} as {@link RegistryAddress} normalises it; a pasted URL is accepted
 * @param auth                how to sign in
 * @param username            the username for {@link AuthMode#PASSWORD} (required there, ignored otherwise)
 * @param tls                 CA file and client certificate
 * @param plainHttp           talk plain HTTP: allowed for loopback hosts, or for others with {@code allowInsecureRemote}
 * @param allowInsecureRemote the person accepted plain HTTP to a host that is not this machine
 * @param repositories        repositories added by hand, in the order added, without duplicates
 * @param lastProbe           what the last probe found
 * @param cleanupPolicy       the connection's saved cleanup policy as the cleanup layer writes it; kept
 *                            opaque here so saved connections do not depend on the cleanup rules
 * @param folder              for a folder of OCI image layouts opened as a connection (the demo, "Open
 *                            folder…"): the folder, answered in-process by {@link FolderRegistry}; its
 *                            {@code registry} is then a name ending in {@link FolderRegistry#HOST_SUFFIX}
 *                            that no network resolves
 */
public record Connection(
        ConnectionId id,
        String name,
        String registry,
        AuthMode auth,
        Optional<String> username,
        TlsOptions tls,
        boolean plainHttp,
        boolean allowInsecureRemote,
        List<String> repositories,
        Optional<ProbedCapabilities> lastProbe,
        Optional<String> cleanupPolicy,
        Optional<Path> folder) {

    static final int MAX_NAME_LENGTH = 200;

    /** A registry connection (not a folder). */
    public Connection(ConnectionId id, String name, String registry, AuthMode auth, Optional<String> username, TlsOptions tls,
            boolean plainHttp, boolean allowInsecureRemote, List<String> repositories, Optional<ProbedCapabilities> lastProbe,
            Optional<String> cleanupPolicy) {
        this(id, name, registry, auth, username, tls, plainHttp, allowInsecureRemote, repositories, lastProbe, cleanupPolicy,
                Optional.empty());
    }

    /** A connection without a saved cleanup policy. */
    public Connection(ConnectionId id, String name, String registry, AuthMode auth, Optional<String> username, TlsOptions tls,
            boolean plainHttp, boolean allowInsecureRemote, List<String> repositories, Optional<ProbedCapabilities> lastProbe) {
        this(id, name, registry, auth, username, tls, plainHttp, allowInsecureRemote, repositories, lastProbe, Optional.empty());
    }

    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(lastProbe, "lastProbe");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(folder, "folder");
        folder = folder.map(f -> f.toAbsolutePath().normalize());
        cleanupPolicy = cleanupPolicy.filter(p -> !p.isBlank());
        name = name.strip();
        if (name.isEmpty()) throw new IllegalArgumentException("A connection needs a name.");
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("A connection name has at most " + MAX_NAME_LENGTH + " characters.");
        }
        RegistryAddress address = RegistryAddress.parse(registry);
        registry = address.registry();
        username = username.map(String::strip).filter(u -> !u.isEmpty());
        if (auth == AuthMode.PASSWORD && username.isEmpty()) {
            throw new IllegalArgumentException("Signing in with a password needs a username.");
        }
        if (allowInsecureRemote && !plainHttp) {
            throw new IllegalArgumentException("Allowing insecure HTTP only applies to a plain-HTTP connection.");
        }
        if (plainHttp && !allowInsecureRemote && !address.isLoopback()) {
            throw new IllegalArgumentException("Plain HTTP is only allowed for registries on this machine; use https for "
                    + registry + ", or allow insecure HTTP for this connection if you trust the network.");
        }
        repositories = normaliseRepositories(repositories, address);
        if (folder.isPresent() != FolderRegistry.isFolderHost(registry)) {
            throw new IllegalArgumentException(folder.isPresent() ? "A folder connection's registry must end in " + FolderRegistry.HOST_SUFFIX + "."
                    : "'" + registry + "' names a folder connection, but no folder is given.");
        }
    }

    /**
     * A connection to a folder of OCI image layouts, named {@code name}: anonymous, answered in-process,
     * so it works with no registry and no network.
     */
    public static Connection folder(String name, Path folder) {
        return new Connection(ConnectionId.random(), name, FolderRegistry.hostFor(name), AuthMode.NONE, Optional.empty(),
                TlsOptions.system(), false, false, List.of(), Optional.empty(), Optional.empty(), Optional.of(folder));
    }

    /** Whether this connection is a folder of OCI layouts rather than a registry. */
    public boolean isFolder() {
        return folder.isPresent();
    }

    /**
     * A new connection to the registry named by {@code address} (anything {@link RegistryAddress#parse}
     * accepts), named after it, anonymous, with system TLS. {@code http://} is honoured for a loopback
     * host only; for another host the person has to opt in with {@link #withPlainHttp}.
     */
    public static Connection create(String address) {
        RegistryAddress parsed = RegistryAddress.parse(address);
        return new Connection(ConnectionId.random(), defaultName(parsed), parsed.registry(), AuthMode.NONE,
                Optional.empty(), TlsOptions.system(), parsed.explicitHttp() && parsed.isLoopback(), false, List.of(),
                Optional.empty());
    }

    /** The name a connection gets when nobody chose one: "Docker Hub", else the registry. */
    public static String defaultName(RegistryAddress address) {
        return address.isDockerHub() ? "Docker Hub" : address.registry();
    }

    /** The same settings without what a probe found: for when the settings it was found with changed. */
    public Connection withoutProbe() {
        return new Connection(id, name, registry, auth, username, tls, plainHttp, allowInsecureRemote, repositories, Optional.empty(),
                cleanupPolicy, folder);
    }

    /** Whether {@code other} reaches the same registry the same way as the same account: what a probe of one found holds for the other. */
    public boolean probesAlike(Connection other) {
        return registry.equals(other.registry) && auth == other.auth && username.equals(other.username) && tls.equals(other.tls)
                && plainHttp == other.plainHttp && allowInsecureRemote == other.allowInsecureRemote;
    }

    /** The same settings under a new id and the name "Copy of …". Secrets are copied by {@link ConnectionStore#duplicate}. */
    public Connection duplicate() {
        String copyName = "Copy of " + name;
        if (copyName.length() > MAX_NAME_LENGTH) copyName = copyName.substring(0, MAX_NAME_LENGTH);
        return new Connection(ConnectionId.random(), copyName, registry, auth, username, tls, plainHttp,
                allowInsecureRemote, repositories, lastProbe, cleanupPolicy, folder);
    }

    public RegistryAddress address() {
        return new RegistryAddress(registry, false);
    }

    /** The host that answers the API: {@code registry-1.docker.io} for Docker Hub, else {@link #registry()}. */
    public String apiHost() {
        return address().apiHost();
    }

    // Building the client's settings

    /** The registry client's settings, with credentials from {@link CredentialsResolver}. */
    public ConnectionSettings settings(Credentials credentials) {
        return new ConnectionSettings(apiHost(), credentials, plainHttp, allowInsecureRemote,
                ConnectionSettings.DEFAULT_TIMEOUT);
    }

    /**
     * The TLS settings, with the client certificate's password from {@link CredentialsResolver}.
     *
     * @param certsDirectories the {@code certs.d} roots, usually {@link TlsSettings#defaultCertsDirectories}
     */
    public TlsSettings tlsSettings(List<Path> certsDirectories, ConnectionSecrets secrets) {
        return tls.toSettings(certsDirectories, secrets.clientCertificatePassword());
    }

    // Changed copies

    public Connection withName(String newName) {
        return new Connection(id, newName, registry, auth, username, tls, plainHttp, allowInsecureRemote, repositories, lastProbe, cleanupPolicy, folder);
    }

    /**
     * Points the connection at another registry. The last probe is forgotten (it described the old
     * one), and so are plain-HTTP choices the new host does not allow without a new opt-in.
     */
    public Connection withRegistry(String address) {
        RegistryAddress parsed = RegistryAddress.parse(address);
        if (parsed.registry().equals(registry)) return this;
        boolean plain = plainHttp && (allowInsecureRemote || parsed.isLoopback());
        return new Connection(id, name, parsed.registry(), auth, username, tls, plain, plain && allowInsecureRemote,
                repositories, Optional.empty(), cleanupPolicy, folder);
    }

    /** Changes how to sign in; {@code newUsername} matters for {@link AuthMode#PASSWORD} only. */
    public Connection withAuth(AuthMode newAuth, Optional<String> newUsername) {
        return new Connection(id, name, registry, newAuth, newUsername, tls, plainHttp, allowInsecureRemote, repositories, lastProbe, cleanupPolicy, folder);
    }

    public Connection withTls(TlsOptions newTls) {
        return new Connection(id, name, registry, auth, username, newTls, plainHttp, allowInsecureRemote, repositories, lastProbe, cleanupPolicy, folder);
    }

    /** Plain HTTP on or off; {@code allowRemote} is the person's opt-in for a host that is not this machine. */
    public Connection withPlainHttp(boolean plain, boolean allowRemote) {
        return new Connection(id, name, registry, auth, username, tls, plain, plain && allowRemote, repositories, lastProbe, cleanupPolicy, folder);
    }

    public Connection withRepositories(List<String> newRepositories) {
        return new Connection(id, name, registry, auth, username, tls, plainHttp, allowInsecureRemote, newRepositories, lastProbe, cleanupPolicy, folder);
    }

    /** Adds a repository by hand (Docker Hub's one-word names become {@code library/…}); no-op when present. */
    public Connection withRepository(String repository) {
        List<String> more = new ArrayList<>(repositories);
        more.add(repository);
        return withRepositories(more);
    }

    public Connection withoutRepository(String repository) {
        List<String> fewer = new ArrayList<>(repositories);
        fewer.remove(normaliseRepository(repository.strip(), address()));
        return withRepositories(fewer);
    }

    /** Remembers a probe's result. */
    public Connection withProbe(Capabilities capabilities, Instant probedAt) {
        return new Connection(id, name, registry, auth, username, tls, plainHttp, allowInsecureRemote, repositories,
                Optional.of(new ProbedCapabilities(capabilities, probedAt)), cleanupPolicy, folder);
    }

    /** Saves (or, when empty, forgets) the connection's cleanup policy. */
    public Connection withCleanupPolicy(Optional<String> policy) {
        return new Connection(id, name, registry, auth, username, tls, plainHttp, allowInsecureRemote, repositories, lastProbe, policy, folder);
    }

    private static List<String> normaliseRepositories(List<String> repositories, RegistryAddress address) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String repository : repositories) {
            Objects.requireNonNull(repository, "repositories contains null");
            String normalised = normaliseRepository(repository.strip(), address);
            if (!Reference.isValidRepository(normalised)) {
                throw new IllegalArgumentException("'" + repository + "' is not a repository name (lower-case path such as team/app).");
            }
            unique.add(normalised);
        }
        return List.copyOf(unique);
    }

    /** Docker Hub's official images are {@code library/x}, though everyone types {@code x}. */
    private static String normaliseRepository(String repository, RegistryAddress address) {
        return address.isDockerHub() && !repository.isEmpty() && !repository.contains("/") ? "library/" + repository : repository;
    }
}
