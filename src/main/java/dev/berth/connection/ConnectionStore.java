package dev.berth.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.platform.FileMutex;
import dev.berth.registry.auth.Credentials;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The saved connections: {@code connections.json} in the config directory, written atomically and
 * readable by its owner only, with each connection's secrets in the {@link SecretStore} (never in the
 * file). A damaged file is copied aside and reported, never silently replaced.
 *
 * <p>Call {@link #load()} first; changes before a successful load are refused, so a file that could
 * not be read is never overwritten. Every change is saved at once. Methods block on file and helper
 * I/O: never call them on the FX thread. Thread-safe.
 *
 * <p>Another Berth (the app and the CLI, or two apps) may change the same file: each change holds
 * {@code connections.json.lock}, reads the file again under it, applies itself to what is there and
 * writes atomically, so no instance's change is lost and no reader sees half a file.
 */
public final class ConnectionStore {

    private static final DateTimeFormatter BACKUP_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path file;
    private final SecretStore secrets;
    private final Clock clock;

    private boolean loaded;
    private List<Connection> connections = List.of();
    private Map<ConnectionId, ObjectNode> extraFields = Map.of();
    private ObjectNode extraTopLevel = ConnectionJson.emptyObject();
    /** The file's bytes as this store last read or wrote them (null: no file); a difference means another instance wrote. */
    private byte[] lastSeen;

    /** A change to the connections that may fail on I/O. */
    @FunctionalInterface
    private interface Change<T> {
        T apply() throws IOException;
    }

    public ConnectionStore(Path file, SecretStore secrets, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The store in {@link ConfigDirectories#connectionsFile()}. */
    public static ConnectionStore in(ConfigDirectories directories, SecretStore secrets) {
        return new ConnectionStore(directories.connectionsFile(), secrets, Clock.systemUTC());
    }

    public Path file() {
        return file;
    }

    public SecretStore secrets() {
        return secrets;
    }

    /**
     * Reads the file. A missing file is no connections. A damaged one (not JSON, entries that make no
     * sense, a newer format) is copied to {@code connections.json.corrupt-<time>} and the result says
     * so; what could be read is loaded.
     *
     * @throws IOException the file exists but cannot be read (permissions…); nothing is loaded, and
     *                     changes stay refused so it is not overwritten
     */
    public synchronized LoadResult load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            accept(List.of(), Map.of(), ConnectionJson.emptyObject());
            lastSeen = null;
            return new LoadResult(List.of(), Optional.empty());
        }
        lastSeen = bytes;
        String problem;
        try {
            ConnectionJson.Decoded decoded = ConnectionJson.decode(bytes);
            accept(decoded.connections(), decoded.extraFields(), decoded.extraTopLevel());
            if (decoded.problems().isEmpty()) return new LoadResult(connections, Optional.empty());
            problem = "Your saved connections could not all be read: " + String.join("; ", decoded.problems())
                    + ". Everything else is loaded.";
        } catch (ConnectionJson.Unreadable e) {
            accept(List.of(), Map.of(), ConnectionJson.emptyObject());
            problem = "Your saved connections could not be read: " + file.getFileName() + " " + e.getMessage()
                    + ". Berth starts without them.";
        }
        Path backup = backUp(bytes);
        return new LoadResult(connections, Optional.of(new LoadResult.Problem(
                problem + " The file as it was is kept as " + backup + ".", backup)));
    }

    /** The connections, in the order they were added. Empty before {@link #load()}. */
    public synchronized List<Connection> connections() {
        return connections;
    }

    public synchronized Optional<Connection> find(ConnectionId id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * Saves a new connection. Its secrets go to {@link #secrets()} separately (under
     * {@link SecretKey#login} and {@link SecretKey#clientCertificate}).
     *
     * @throws IllegalArgumentException a connection with this id exists
     */
    public synchronized Connection add(Connection connection) throws IOException {
        return locked(() -> addNow(connection));
    }

    private Connection addNow(Connection connection) throws IOException {
        if (find(connection.id()).isPresent()) throw new IllegalArgumentException("connection " + connection.id() + " exists already");
        List<Connection> next = new ArrayList<>(connections);
        next.add(connection);
        save(next, extraFields);
        return connection;
    }

    /**
     * Replaces the connection with the same id. Secrets the new settings no longer use (a password
     * after switching to Docker's login, a PKCS#12 password after switching to PEM) are erased.
     *
     * @throws NoSuchElementException there is no connection with this id
     */
    public synchronized StoreChange update(Connection connection) throws IOException {
        return locked(() -> updateNow(connection));
    }

    private StoreChange updateNow(Connection connection) throws IOException {
        Connection old = require(connection.id());
        List<Connection> next = new ArrayList<>(connections);
        next.set(next.indexOf(old), connection);
        save(next, extraFields);
        List<SecretKey> unused = new ArrayList<>(neededSecrets(old));
        unused.removeAll(neededSecrets(connection));
        return new StoreChange(connection, eraseAll(unused, connection));
    }

    /**
     * Removes the connection and erases its secrets.
     *
     * @return the removed connection, with a warning when a secret could not be erased
     * @throws NoSuchElementException there is no connection with this id
     */
    public synchronized StoreChange remove(ConnectionId id) throws IOException {
        return locked(() -> removeNow(id));
    }

    private StoreChange removeNow(ConnectionId id) throws IOException {
        Connection old = require(id);
        List<Connection> next = new ArrayList<>(connections);
        next.remove(old);
        Map<ConnectionId, ObjectNode> extras = new HashMap<>(extraFields);
        extras.remove(id);
        save(next, extras);
        // Every key, not only those the settings use now: an earlier failed erase may have left one.
        return new StoreChange(old, eraseAll(SecretKey.all(id), old));
    }

    /**
     * Saves a copy of the connection under a new id and a "Copy of …" name that no other connection
     * has, with copies of its secrets, placed right after the original.
     *
     * @throws NoSuchElementException there is no connection with this id
     */
    public synchronized StoreChange duplicate(ConnectionId id) throws IOException {
        return locked(() -> duplicateNow(id));
    }

    private StoreChange duplicateNow(ConnectionId id) throws IOException {
        Connection original = require(id);
        Connection copy = original.duplicate();
        copy = copy.withName(uniqueName(copy.name()));
        List<Connection> next = new ArrayList<>(connections);
        next.add(next.indexOf(original) + 1, copy);
        Map<ConnectionId, ObjectNode> extras = new HashMap<>(extraFields);
        ObjectNode extra = extraFields.get(id);
        if (extra != null) extras.put(copy.id(), extra.deepCopy());
        save(next, extras);
        List<String> warnings = new ArrayList<>();
        for (SecretKey key : neededSecrets(original)) {
            SecretKey target = new SecretKey(copy.id(), key.purpose());
            try {
                Optional<Credentials> secret = secrets.get(key);
                if (secret.isPresent()) secrets.put(target, secret.get());
            } catch (SecretStoreException e) {
                warnings.add("“" + copy.name() + "” was created, but its password could not be copied: " + e.getMessage()
                        + " Enter it in the copy's settings.");
            }
        }
        return new StoreChange(copy, warnings);
    }

    /** Runs {@code change} on the file as it is now, with other Berth instances kept out until it is saved. */
    private <T> T locked(Change<T> change) throws IOException {
        requireLoaded();
        PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
        try (FileMutex mutex = FileMutex.acquire(file.resolveSibling(file.getFileName() + ".lock"))) {
            catchUp();
            return change.apply();
        }
    }

    /** Takes in what another instance saved since this one last read or wrote the file. */
    private void catchUp() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            bytes = null;
        }
        if (Arrays.equals(bytes, lastSeen)) return;
        if (bytes == null) {
            accept(List.of(), Map.of(), ConnectionJson.emptyObject()); // removed by hand or by another Berth: nothing to keep
            lastSeen = null;
            return;
        }
        try {
            ConnectionJson.Decoded decoded = ConnectionJson.decode(bytes);
            if (!decoded.problems().isEmpty()) throw new ConnectionJson.Unreadable(String.join("; ", decoded.problems()));
            accept(decoded.connections(), decoded.extraFields(), decoded.extraTopLevel());
            lastSeen = bytes;
        } catch (ConnectionJson.Unreadable e) {
            throw new IOException(file + " was changed by another program since Berth read it, and cannot be read now (" + e.getMessage()
                    + "). Nothing was saved, so it stays as it is. Look at the file, or restart Berth to load it again.");
        }
    }

    private void save(List<Connection> next, Map<ConnectionId, ObjectNode> extras) throws IOException {
        byte[] bytes = ConnectionJson.encode(next, extras, extraTopLevel);
        PrivateFiles.writeAtomically(file, bytes);
        lastSeen = bytes;
        // Only once the file holds it, so a failed write leaves memory and disk in agreement.
        connections = List.copyOf(next);
        extraFields = Map.copyOf(extras);
    }

    private void accept(List<Connection> loadedConnections, Map<ConnectionId, ObjectNode> extras, ObjectNode topLevel) {
        connections = List.copyOf(loadedConnections);
        extraFields = Map.copyOf(extras);
        extraTopLevel = topLevel;
        loaded = true;
    }

    /**
     * Copies the damaged file next to itself. A copy with the same content is reused, so starting
     * Berth again and again with the same damaged file does not pile up backups.
     */
    private Path backUp(byte[] bytes) throws IOException {
        String prefix = file.getFileName() + ".corrupt-";
        Path dir = file.toAbsolutePath().getParent();
        try (DirectoryStream<Path> existing = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path candidate : existing) {
                if (Files.isRegularFile(candidate) && Arrays.equals(Files.readAllBytes(candidate), bytes)) return candidate;
            }
        }
        String stamp = BACKUP_STAMP.format(clock.instant());
        Path backup = dir.resolve(prefix + stamp);
        for (int n = 2; Files.exists(backup); n++) backup = dir.resolve(prefix + stamp + "-" + n);
        PrivateFiles.writeNew(backup, bytes);
        return backup;
    }

    private String uniqueName(String wanted) {
        Set<String> taken = new LinkedHashSet<>();
        connections.forEach(c -> taken.add(c.name()));
        String name = wanted;
        for (int n = 2; taken.contains(name); n++) name = wanted + " (" + n + ")";
        return name;
    }

    private List<String> eraseAll(List<SecretKey> keys, Connection connection) {
        List<String> warnings = new ArrayList<>();
        for (SecretKey key : keys) {
            try {
                secrets.erase(key);
            } catch (SecretStoreException e) {
                warnings.add("A password of “" + connection.name() + "” could not be erased: " + e.getMessage()
                        + " It is stored under " + key.serverUrl() + "; you can delete it there.");
            }
        }
        return warnings;
    }

    /** The secrets a connection's settings use. */
    private static List<SecretKey> neededSecrets(Connection connection) {
        List<SecretKey> keys = new ArrayList<>();
        if (connection.auth() == AuthMode.PASSWORD) keys.add(SecretKey.login(connection.id()));
        if (connection.tls().needsClientCertificatePassword()) keys.add(SecretKey.clientCertificate(connection.id()));
        return keys;
    }

    private Connection require(ConnectionId id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("no connection " + id));
    }

    private void requireLoaded() {
        if (!loaded) throw new IllegalStateException("load() the connections before changing them");
    }
}
