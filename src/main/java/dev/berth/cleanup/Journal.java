package dev.berth.cleanup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.platform.FileMutex;
import dev.berth.platform.UserHome;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The local record of deletions that makes undo possible: one directory per operation holding
 * {@code operation.json} and one {@code entry-NNNNN.json} per manifest, each written atomically,
 * fsync'd and owner-only before the manifest is deleted. Files, not one appended log: a crash can
 * never leave a half-written record, and parallel deletes never contend for one file. The outcome
 * of each delete goes to a separate {@code entry-NNNNN.outcome.json} written without fsync (it
 * costs as much as the delete itself on a local registry): if it is lost, the entry reads as
 * PENDING and undo asks the registry, so nothing is lost but a little speed.
 */
public final class Journal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{6}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Supplier<String> suffixes;

    public Journal(Path directory) {
        this(directory, Journal::randomHex);
    }

    /** With the random part of new ids given: tests make them collide. */
    Journal(Path directory, Supplier<String> suffixes) {
        this.directory = directory.toAbsolutePath();
        this.suffixes = suffixes;
    }

    /** {@code $XDG_DATA_HOME/berth/journal}, else {@code ~/.local/share/berth/journal}. */
    public static Path defaultDirectory(Map<String, String> environment, Path home) {
        return UserHome.xdg(environment, "XDG_DATA_HOME", home, ".local/share").resolve("berth").resolve("journal");
    }

    public Path directory() {
        return directory;
    }

    /** Starts an operation; its id sorts by time and is unique. */
    public Writer begin(JournalOperation.Kind kind, String registry, String apiHost, String description, Instant now) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) throw notADirectory();
        AtomicFiles.createPrivateDirectories(directory);
        // Another Berth (the app and the CLI) may start an operation in the same second: the lock, and a
        // directory creation that fails when the id is taken, keep each operation in a directory of its own.
        try (FileMutex mutex = FileMutex.acquire(directory.resolve(".lock"))) {
            while (true) {
                String id = ID_TIME.format(now) + "-" + suffixes.get();
                Path dir = directory.resolve(id);
                try {
                    AtomicFiles.createPrivateDirectory(dir);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                ObjectNode op = JSON.createObjectNode();
                op.put("berthJournal", 1).put("id", id).put("kind", kind.name()).put("registry", registry).put("apiHost", apiHost)
                        .put("started", now.toString()).put("description", description);
                try {
                    AtomicFiles.write(dir.resolve("operation.json"), JSON.writeValueAsBytes(op));
                } catch (IOException e) {
                    Files.deleteIfExists(dir); // just made and empty: left behind it would read as a damaged operation
                    throw e;
                }
                return new Writer(id, dir);
            }
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The readable operations, newest first (see {@link #listing()} for the damaged ones too). */
    public List<JournalOperation> list() throws IOException {
        return listing().operations();
    }

    /**
     * Every operation, newest first, and those whose {@code operation.json} cannot be read: one
     * damaged record must neither hide the others nor be hidden itself.
     *
     * @throws JournalException the journal path exists but is not a directory
     */
    public JournalListing listing() throws IOException {
        List<JournalOperation> operations = new ArrayList<>();
        List<DamagedOperation> damaged = new ArrayList<>();
        if (!usableDirectory()) return new JournalListing(operations, damaged);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory, p -> ID.matcher(p.getFileName().toString()).matches())) {
            for (Path dir : dirs) {
                try {
                    operations.add(JournalReader.read(dir));
                } catch (JournalException e) {
                    e.damaged().ifPresent(damaged::add);
                }
            }
        }
        // Newest first by start time: ids only have whole seconds, and two operations can start in one second.
        operations.sort(Comparator.comparing(JournalOperation::started).thenComparing(JournalOperation::id).reversed());
        damaged.sort(Comparator.comparing(DamagedOperation::id).reversed());
        return new JournalListing(operations, damaged);
    }

    /**
     * The operation with this id (or a unique prefix of it), with any damaged parts listed in it.
     *
     * @throws JournalException its {@code operation.json} cannot be read (the message says which file and what
     *                          to do), or the journal path is not a directory
     */
    public Optional<JournalOperation> find(String idOrPrefix) throws IOException {
        if (!usableDirectory() || idOrPrefix.isBlank() || idOrPrefix.contains("/") || idOrPrefix.contains("..")) {
            return Optional.empty();
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory, p -> ID.matcher(p.getFileName().toString()).matches()
                && p.getFileName().toString().startsWith(idOrPrefix))) {
            dirs.forEach(matches::add);
        }
        if (matches.size() > 1) throw new IllegalArgumentException("'" + idOrPrefix + "' matches " + matches.size() + " journal entries; give more of the id");
        return matches.isEmpty() ? Optional.empty() : Optional.of(JournalReader.read(matches.getFirst()));
    }

    /** Records that the operation was undone (shown in listings; a second undo is still allowed). */
    public void markUndone(String id, Instant when, String summary) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("undone", when.toString()).put("summary", summary);
        AtomicFiles.write(directory.resolve(id).resolve("undone.json"), JSON.writeValueAsBytes(node));
    }

    /** False when there is no journal yet; a journal path that is something else is an error the person must fix. */
    private boolean usableDirectory() throws JournalException {
        if (Files.isDirectory(directory)) return true;
        if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return false;
        throw notADirectory();
    }

    private JournalException notADirectory() {
        return new JournalException("The journal path " + directory + " is " + (Files.isRegularFile(directory) ? "a file" : "not a directory")
                + ", but Berth keeps its journal (one directory per deletion, for undo) there. Nothing was changed. Move it aside "
                + "(for example: mv '" + directory + "' '" + directory + ".bak') or use another journal directory, then try again.");
    }

    /** Writes the records of one operation; safe to use from several threads. */
    public static final class Writer {
        private final String id;
        private final Path dir;
        private int sequence;

        private Writer(String id, Path dir) {
            this.id = id;
            this.dir = dir;
        }

        public String id() {
            return id;
        }

        /** Journals a manifest about to be deleted, as {@link JournalEntry.State#PENDING}. */
        public JournalEntry record(String repository, Digest digest, MediaType mediaType, RawBytes manifest, List<String> tags,
                ManifestDeletion.Role role) throws IOException {
            int n;
            synchronized (this) {
                n = ++sequence;
            }
            JournalEntry entry = new JournalEntry(n, repository, digest, mediaType, manifest, tags, role, JournalEntry.State.PENDING, "");
            write(entry);
            return entry;
        }

        /** Records the outcome of the entry's delete (beside the entry, which stays as written). */
        public JournalEntry settle(JournalEntry entry, JournalEntry.State state, String message) throws IOException {
            JournalEntry settled = entry.settled(state, message);
            ObjectNode node = JSON.createObjectNode().put("state", state.name()).put("message", message);
            AtomicFiles.write(JournalReader.outcomeFile(file(entry)), JSON.writeValueAsBytes(node), false);
            return settled;
        }

        private Path file(JournalEntry e) {
            return dir.resolve(String.format("entry-%05d.json", e.sequence()));
        }

        private void write(JournalEntry e) throws IOException {
            ObjectNode node = JSON.createObjectNode();
            node.put("sequence", e.sequence()).put("repository", e.repository()).put("digest", e.digest().toString())
                    .put("mediaType", e.mediaType().value()).put("role", e.role().name()).put("state", e.state().name())
                    .put("message", e.message());
            e.tags().forEach(t -> node.withArray("tags").add(t));
            if (e.tags().isEmpty()) node.putArray("tags");
            node.put("manifest", Base64.getEncoder().encodeToString(e.manifest().toByteArray()));
            AtomicFiles.write(file(e), JSON.writeValueAsBytes(node));
        }
    }
}
