package dev.berth.cleanup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one operation directory of the {@link Journal}, keeping every part it can: a damaged entry
 * file, date or kind becomes a {@link JournalDamage} beside the readable entries instead of hiding
 * the whole operation. Only an {@code operation.json} that does not say which registry it was is
 * fatal ({@link DamagedOperation}). Reads only; never changes a file.
 */
final class JournalReader {

    static final String ENTRY_GLOB = "entry-[0-9][0-9][0-9][0-9][0-9].json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Why a file cannot be used, in words for people. */
    private static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private JournalReader() {}

    /** The operation in {@code dir}, with its damage listed; a {@link JournalException} when it cannot be read at all. */
    static JournalOperation read(Path dir) throws IOException {
        String id = dir.getFileName().toString();
        Path opFile = dir.resolve("operation.json");
        List<JournalDamage> damage = new ArrayList<>();
        JsonNode op;
        try {
            op = object(opFile);
            if (op.path("registry").asText("").isBlank() || op.path("apiHost").asText("").isBlank()) {
                throw new Problem("it does not say which registry the deletion was on");
            }
        } catch (Problem p) {
            throw new JournalException(new DamagedOperation(id, dir, new JournalDamage(opFile, p.getMessage(), true), entryFiles(dir).size()));
        }
        JournalOperation.Kind kind = kind(op, opFile, damage);
        Instant started = started(op, id, opFile, damage);
        List<JournalEntry> entries = new ArrayList<>();
        for (Path file : entryFiles(dir)) {
            try {
                entries.add(withOutcome(entry(file), outcomeFile(file)));
            } catch (Problem p) {
                damage.add(new JournalDamage(file, p.getMessage(), true));
            }
        }
        Optional<Instant> undone = undone(dir.resolve("undone.json"), damage);
        return new JournalOperation(id, kind, op.path("registry").asText(), op.path("apiHost").asText(), started,
                op.path("description").asText(""), entries, undone, damage);
    }

    static List<Path> entryFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, ENTRY_GLOB)) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    static Path outcomeFile(Path entryFile) {
        return entryFile.resolveSibling(entryFile.getFileName().toString().replace(".json", ".outcome.json"));
    }

    private static JournalOperation.Kind kind(JsonNode op, Path file, List<JournalDamage> damage) {
        String text = op.path("kind").asText("");
        try {
            return JournalOperation.Kind.valueOf(text);
        } catch (IllegalArgumentException e) {
            damage.add(new JournalDamage(file, "the kind '" + printable(text) + "' is not one Berth knows (rm or cleanup)", false));
            return JournalOperation.Kind.UNKNOWN;
        }
    }

    /** The recorded start, else the second the id was made in (UTC), which is nearly as good for sorting and showing. */
    private static Instant started(JsonNode op, String id, Path file, List<JournalDamage> damage) {
        String text = op.path("started").asText("");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            damage.add(new JournalDamage(file, "the start time '" + printable(text) + "' is not a date; the time in its id is shown instead", false));
            try {
                return LocalDateTime.parse(id.substring(0, 15), ID_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException | IndexOutOfBoundsException notEither) {
                return Instant.EPOCH;
            }
        }
    }

    private static Optional<Instant> undone(Path file, List<JournalDamage> damage) {
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(Instant.parse(object(file).path("undone").asText("")));
        } catch (Problem | DateTimeParseException e) {
            damage.add(new JournalDamage(file, "whether it was undone cannot be read (" + (e instanceof Problem ? e.getMessage() : "not a date")
                    + "); undoing again is safe", false));
            return Optional.empty();
        }
    }

    private static JournalEntry entry(Path file) throws Problem {
        JsonNode e = object(file);
        String repository = e.path("repository").asText("");
        String where = repository.isBlank() ? "" : " (" + printable(repository) + ")";
        if (repository.isBlank()) throw new Problem("it names no repository");
        String digestText = e.path("digest").asText("");
        Digest digest;
        try {
            digest = Digest.parse(digestText);
        } catch (IllegalArgumentException bad) {
            throw new Problem("the digest '" + printable(digestText) + "' is not a valid digest" + where);
        }
        where = " (" + printable(repository) + "@" + digest.shortHex() + ")";
        String mediaType = e.path("mediaType").asText("");
        if (mediaType.isBlank()) throw new Problem("it names no media type" + where);
        byte[] manifest;
        try {
            manifest = Base64.getDecoder().decode(e.path("manifest").asText(""));
        } catch (IllegalArgumentException bad) {
            throw new Problem("the saved manifest is not valid base64" + where);
        }
        if (manifest.length == 0) throw new Problem("it holds no manifest" + where);
        List<String> tags = new ArrayList<>();
        e.path("tags").forEach(t -> tags.add(t.asText()));
        ManifestDeletion.Role role = constant(ManifestDeletion.Role.class, e.path("role").asText(""), "role", where);
        JournalEntry.State state = constant(JournalEntry.State.class, e.path("state").asText(""), "state", where);
        int sequence = e.path("sequence").asInt(sequenceFromName(file));
        try {
            return new JournalEntry(sequence, repository, digest, MediaType.of(mediaType), RawBytes.of(manifest), tags, role, state,
                    e.path("message").asText(""));
        } catch (IllegalArgumentException mismatch) {
            throw new Problem("the saved manifest does not match its digest " + digest + " (the file was changed after it was written)"
                    + " (" + printable(repository) + ")");
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String text, String what, String where) throws Problem {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new Problem("the " + what + " '" + printable(text) + "' is not one Berth knows" + where);
        }
    }

    private static int sequenceFromName(Path file) {
        return Integer.parseInt(file.getFileName().toString().substring("entry-".length(), "entry-".length() + 5));
    }

    /** The entry with its recorded outcome; a missing or damaged outcome leaves it PENDING, which undo verifies. */
    private static JournalEntry withOutcome(JournalEntry entry, Path outcome) {
        try {
            if (!Files.exists(outcome)) return entry;
            JsonNode o = JSON.readTree(Files.readAllBytes(outcome));
            return entry.settled(JournalEntry.State.valueOf(o.path("state").asText()), o.path("message").asText(""));
        } catch (IOException | RuntimeException damaged) {
            return entry;
        }
    }

    /** The file as a JSON object, or the reason it is not one. */
    private static JsonNode object(Path file) throws Problem {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Problem("the file is missing");
        } catch (IOException e) {
            throw new Problem("the file cannot be read (" + e.getMessage() + ")");
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new Problem("the file is empty (its write was cut short)");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new Problem("the file is not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "")
                    + ")");
        } catch (IOException e) {
            throw new Problem("the file cannot be read (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) throw new Problem("the file is not a JSON object");
        return node;
    }

    /** Text from a damaged file, safe to print: control characters escaped, long values cut. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) out.append(String.format(Locale.ROOT, "\\u%04x", c));
            else out.appendCodePoint(c);
        });
        return text.codePointCount(0, text.length()) > 80 ? out + "…" : out.toString();
    }
}
