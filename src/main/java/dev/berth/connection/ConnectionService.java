package dev.berth.connection;

import dev.berth.connection.Connection;
import dev.berth.connection.ConnectionId;
import dev.berth.connection.ConnectionSecrets;
import dev.berth.connection.ConnectionStore;
import dev.berth.connection.ConnectionTester;
import dev.berth.connection.CredentialsResolver;
import dev.berth.connection.DockerImport;
import dev.berth.connection.LoadResult;
import dev.berth.connection.SecretKey;
import dev.berth.connection.docker.DockerConfig;
import dev.berth.connection.docker.DockerCredentials;
import dev.berth.registry.Capabilities;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desktop's use of saved connections: load them, save what the dialog produced (secrets to the
 * secret store, never to the file), connect, remember probes and hand-added repositories, import
 * Docker's registries. Every method blocks: run it through the UI executor.
 */
public final class ConnectionService {

    private final java.util.function.Supplier<ConnectionStore> storeFactory;
    private final java.util.function.Supplier<ConnectionTester> testerFactory;
    private ConnectionTester tester;
    private ConnectionStore store;
    private CredentialsResolver resolver;
    private final Path home;
    private final Map<String, String> environment;
    private final Clock clock;
    /** The last successful "Test connection", so that saving the same settings keeps what only its delete probe learned. */
    private final java.util.concurrent.atomic.AtomicReference<TestedDraft> lastTest = new java.util.concurrent.atomic.AtomicReference<>();

    /** A tested draft, only its registry settings (capabilities belong to the account, and the password stays out of memory). */
    private record TestedDraft(ConnectionDraft draft, Capabilities found) {}

    /**
     * {@code storeFactory} and {@code testerFactory} are called once, on first use, off the FX thread: finding a
     * working secret store may run credential helpers for seconds, and the tester's HTTP client reads the JDK's
     * trust store and sets up TLS, which held the first window back by a second.
     */
    public ConnectionService(java.util.function.Supplier<ConnectionStore> storeFactory,
            java.util.function.Supplier<ConnectionTester> testerFactory, Path home, Map<String, String> environment, Clock clock) {
        this.storeFactory = storeFactory;
        this.testerFactory = testerFactory;
        this.home = home;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    private LoadResult loaded;
    /** Set once the store exists, read from the FX thread without waiting for a credential helper. */
    private volatile boolean passwordsForgotten;

    /** The store, created and loaded on first use: it refuses changes until it has read its file. */
    private synchronized ConnectionStore store() throws IOException {
        if (store == null) {
            ConnectionStore created = storeFactory.get();
            loaded = created.load();
            store = created;
            passwordsForgotten = !created.secrets().isPersistent();
            resolver = new CredentialsResolver(store.secrets(),
                    () -> DockerCredentials.of(DockerConfig.load(DockerConfig.locate(environment, home))));
        }
        return store;
    }

    /** A saved connection, and what became of trying to connect it. */
    public record Opened(Connection connection, Optional<RegistryClient> client, Optional<Exception> problem) {}

    /**
     * What start-up found: the connections, plus sentences to tell the user (a damaged connections
     * file). Where passwords are kept is said only when one is about to be saved: see
     * {@link #passwordStorageNote()}.
     */
    public record Startup(List<Opened> connections, List<String> notes) {}

    public Startup loadAll() throws IOException {
        store();
        LoadResult result = loaded;
        List<String> notes = new ArrayList<>();
        result.problem().ifPresent(p -> notes.add(p.message()));
        List<Opened> opened = new ArrayList<>();
        for (Connection connection : result.connections()) opened.add(open(connection));
        return new Startup(opened, notes);
    }

    /** Connects a saved connection; a missing password or bad TLS file becomes the problem, not an exception. */
    public Opened open(Connection connection) {
        try {
            return new Opened(connection, Optional.of(tester().connect(connection, resolver().resolve(connection))), Optional.empty());
        } catch (Exception e) {
            return new Opened(connection, Optional.empty(), Optional.of(e));
        }
    }

    /**
     * The offline demo as a connection: written into the config directory on first use (beside the
     * connections file, see {@link dev.berth.connection.ConfigDirectories#DEMO_FOLDER}), then
     * opened like any folder; an existing demo is opened as it is, with the person's changes.
     */
    public Opened openDemo() throws IOException {
        Path folder = store().file().toAbsolutePath().getParent().resolve(dev.berth.connection.ConfigDirectories.DEMO_FOLDER);
        if (!java.nio.file.Files.exists(folder)) dev.berth.demo.DemoImages.write(folder);
        return openFolder(folder, "Demo");
    }

    /** A folder of OCI image layouts as a connection named after it; the saved one if this folder has one. */
    public Opened openFolder(Path folder) throws IOException {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return openFolder(folder, name == null ? folder.toString() : name.toString());
    }

    private Opened openFolder(Path folder, String name) throws IOException {
        Path normal = folder.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(normal)) throw new IOException(normal + " is not a folder: choose a folder that holds OCI image layouts.");
        if (new dev.berth.store.FolderRegistry(normal).repositories().isEmpty()) {
            throw new IOException(normal + " holds no OCI image layout (no oci-layout file in it or in its sub-folders): choose the "
                    + "folder that skopeo or berth copy wrote with oci:DIR, or a folder of such layouts.");
        }
        Optional<Connection> saved = store().connections().stream().filter(c -> c.folder().equals(Optional.of(normal))).findFirst();
        return open(saved.isPresent() ? saved.get() : store().add(Connection.folder(name, normal)));
    }

    /** Saves the dialog's result as a new connection (or over {@code existing}) and connects it. */
    public Opened save(ConnectionDraft draft, Optional<ConnectionId> existing) throws IOException {
        Connection base = existing.flatMap(store()::find).orElseGet(() -> Connection.create(draft.address()));
        Connection edited = fromDraft(base, draft);
        // What was probed with other settings (another address, account or TLS) says nothing of these.
        if (!edited.probesAlike(base)) edited = edited.withoutProbe();
        Connection connection = withTestFindings(edited, draft);
        List<String> warnings = new ArrayList<>();
        if (existing.isPresent() && store().find(existing.get()).isPresent()) warnings.addAll(store().update(connection).warnings());
        else connection = store().add(connection);
        if (draft.auth() == dev.berth.connection.AuthMode.PASSWORD && !draft.password().isEmpty()) {
            store().secrets().put(SecretKey.login(connection.id()), Credentials.basic(draft.username(), draft.password()));
        }
        Opened opened = open(connection);
        if (!warnings.isEmpty() && opened.problem().isEmpty()) {
            return new Opened(connection, opened.client(), Optional.of(new IOException(String.join(" ", warnings))));
        }
        return opened;
    }

    /** {@code connection} remembering what testing these same settings found (deletes work: the browser's probe only reads). */
    private Connection withTestFindings(Connection connection, ConnectionDraft draft) {
        TestedDraft tested = lastTest.get();
        if (tested == null || !tested.draft().equals(draft.registrySettings())) return connection;
        return connection.withProbe(tested.found(), clock.instant());
    }

    /** {@code base} with everything the dialog holds except the password (that goes to the secret store). */
    private static Connection fromDraft(Connection base, ConnectionDraft draft) {
        return base.withRegistry(draft.address()).withName(draft.displayName())
                .withAuth(draft.auth(), draft.username().isBlank() ? Optional.empty() : Optional.of(draft.username()))
                .withTls(draft.tlsOptions())
                .withPlainHttp(draft.plainHttp() || draft.addressSaysHttp(), draft.allowInsecureRemote());
    }

    /** Probes what the dialog holds without saving anything (the dialog's "Test connection"). */
    public Capabilities test(ConnectionDraft draft) throws IOException {
        Connection connection = fromDraft(Connection.create(draft.address()), draft);
        Credentials credentials = switch (draft.auth()) {
            case NONE -> Credentials.anonymous();
            case PASSWORD -> draft.username().isBlank() ? Credentials.anonymous() : Credentials.basic(draft.username(), draft.password());
            case DOCKER -> resolver().credentials(connection);
        };
        lastTest.set(null);
        Capabilities found = tester().probe(connection, dev.berth.connection.ConnectionSecrets.of(credentials));
        lastTest.set(new TestedDraft(draft.registrySettings(), found));
        return found;
    }

    /** A copy of a connection (with its saved secrets), connected. */
    public Opened duplicate(ConnectionId id) throws IOException {
        return open(store().duplicate(id).connection());
    }

    public void remove(ConnectionId id) throws IOException {
        store().remove(id);
    }

    /** Remembers the probed capabilities so the badges show at the next start before any probe. */
    public void rememberProbe(ConnectionId id, Capabilities capabilities) throws IOException {
        Optional<Connection> connection = store().find(id);
        if (connection.isPresent()) store().update(connection.get().withProbe(capabilities, clock.instant()));
    }

    /** Remembers a repository added by hand (registries without a catalog). */
    public void rememberRepository(ConnectionId id, String repository) throws IOException {
        Optional<Connection> connection = store().find(id);
        if (connection.isPresent()) store().update(connection.get().withRepository(repository));
    }

    /** The connection's saved cleanup policy (the cleanup layer's JSON), if any. */
    public Optional<String> cleanupPolicy(ConnectionId id) throws IOException {
        return store().find(id).flatMap(Connection::cleanupPolicy);
    }

    /** Saves the connection's cleanup policy in the connections file. */
    public void saveCleanupPolicy(ConnectionId id, String policyJson) throws IOException {
        Connection connection = store().find(id).orElseThrow(() -> new IOException(
                "This connection is not saved, so it cannot keep a cleanup policy; export the policy to a file instead."));
        store().update(connection.withCleanupPolicy(Optional.of(policyJson)));
    }

    /** Adds the registries Docker knows and Berth does not yet; returns them connected. */
    public List<Opened> importFromDocker() throws IOException {
        DockerImport.Result proposals = new DockerImport(DockerCredentials.of(DockerConfig.load(DockerConfig.locate(environment, home))))
                .propose(store().connections());
        if (proposals.problem().isPresent() && proposals.proposals().isEmpty()) throw new IOException(proposals.problem().get());
        List<Opened> opened = new ArrayList<>();
        for (Connection proposal : proposals.proposals()) opened.add(open(store().add(proposal)));
        return opened;
    }

    /**
     * For the connection dialog: a sentence saying a password will be forgotten when Berth quits and
     * what to install, or "" when passwords are kept (or it is not known yet). Never blocks.
     */
    public String passwordStorageNote() {
        return passwordsForgotten ? dev.berth.connection.SecretStores.passwordsForgottenNote(System.getProperty("os.name", "")) : "";
    }

    public Optional<Connection> find(ConnectionId id) {
        try {
            return store().find(id);
        } catch (IOException e) {
            return Optional.empty(); // the store could not be read; start-up already said why
        }
    }

    /** For the welcome pane: a registry answering on localhost:5000, as a proposal. */
    public Optional<Connection> localhostCandidate() {
        return tester().localhostCandidate();
    }

    private synchronized ConnectionTester tester() {
        if (tester == null) tester = testerFactory.get();
        return tester;
    }

    private synchronized CredentialsResolver resolver() throws IOException {
        store();
        return resolver;
    }
}
