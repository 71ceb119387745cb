package dev.berth.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cleanup.AtomicFiles;
import dev.berth.platform.UserHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last {@value #KEPT} finished jobs, in a JSON file of the app's data directory, newest last.
 * Only what {@link JobSummary} holds is written: names, paths, digests and words, never a secret
 * (a registry is named by its host, and credentials never reach a job's description).
 */
public final class JobHistory {

    public static final int KEPT = 100;
    private static final int FORMAT = 1;
    private static final System.Logger LOG = System.getLogger(JobHistory.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> file;
    private List<JobSummary> kept;

    private JobHistory(Optional<Path> file) {
        this.file = file;
    }

    /** Kept in {@code file} (created with its directory, owner-only, on the first finished job). */
    public static JobHistory in(Path file) {
        return new JobHistory(Optional.of(file));
    }

    /** Remembered for this run only (tests, tools). */
    public static JobHistory inMemory() {
        return new JobHistory(Optional.empty());
    }

    /** {@code $XDG_DATA_HOME/berth/jobs.json}, next to the cleanup journal. */
    public static Path defaultFile(Map<String, String> environment, Path home) {
        return UserHome.xdg(environment, "XDG_DATA_HOME", home, ".local/share").resolve("berth").resolve("jobs.json");
    }

    /** The summaries kept, oldest first. A damaged file is set aside (as {@code jobs.json.damaged}) and the history starts afresh. */
    public synchronized List<JobSummary> summaries() {
        if (kept == null) kept = read();
        return List.copyOf(kept);
    }

    /** Adds a finished job, dropping the oldest beyond {@value #KEPT}, and writes the file. */
    public synchronized void add(JobSummary summary) throws IOException {
        if (kept == null) kept = read();
        kept.add(summary);
        while (kept.size() > KEPT) kept.removeFirst();
        if (file.isPresent()) AtomicFiles.write(file.get(), write(kept), false);
    }

    private List<JobSummary> read() {
        if (file.isEmpty()) return new ArrayList<>();
        try {
            return parse(Files.readAllBytes(file.get()));
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the job history " + file.get() + " cannot be read; it starts afresh: " + e.getMessage());
            try {
                Files.move(file.get(), file.get().resolveSibling(file.get().getFileName() + ".damaged"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignoredAsTheFileIsRewrittenAnyway) {
                // The next add overwrites it.
            }
            return new ArrayList<>();
        }
    }

    static byte[] write(List<JobSummary> summaries) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode jobs = root.putArray("jobs");
        for (JobSummary s : summaries) {
            ObjectNode job = jobs.addObject();
            job.put("kind", s.what().kind().name());
            job.put("title", s.what().title());
            job.put("from", s.what().from());
            job.put("to", s.what().to());
            job.put("state", s.state().name());
            s.digest().ifPresent(d -> job.put("digest", d));
            job.put("bytes", s.bytes());
            job.put("millis", s.duration().toMillis());
            s.error().ifPresent(e -> job.put("error", e));
            job.put("finished", s.finished().toString());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    static List<JobSummary> parse(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        if (root == null || root.path("format").asInt() != FORMAT) throw new IOException("unknown format");
        List<JobSummary> summaries = new ArrayList<>();
        for (JsonNode job : root.path("jobs")) {
            JobDescription what = new JobDescription(JobKind.valueOf(text(job, "kind")), text(job, "title"), text(job, "from"), text(job, "to"));
            summaries.add(new JobSummary(what, JobState.valueOf(text(job, "state")), optional(job, "digest"), job.path("bytes").asLong(),
                    Duration.ofMillis(job.path("millis").asLong()), optional(job, "error"), Instant.parse(text(job, "finished"))));
        }
        return summaries;
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) throw new IOException("a job without " + field);
        return value.asText();
    }

    private static Optional<String> optional(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }
}
