package dev.berth.store;

import dev.berth.domain.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;

/**
 * Blob uploads into a folder's layouts: monolithic ({@code POST ?digest=}), chunked (POST, PATCH…,
 * PUT {@code ?digest=}) and cross-repository mounts. A session's bytes go to a file under the
 * folder's hidden {@code .berth-uploads/}; only content whose sha256 matches is renamed into the
 * layout's {@code blobs/}. A mount links the blob's file (copying where links are not possible).
 */
final class UploadSessions {

    /** How long an uploaded blob no manifest uses yet is kept from garbage collection: a push's manifest comes last. */
    static final Duration PUSH_GRACE = Duration.ofHours(1);

    private record Session(String repository, Path file) {}

    private final Path work;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Digest, Instant> recent = new ConcurrentHashMap<>();

    UploadSessions(Path root) {
        this.work = root.resolve(".berth-uploads");
    }

    /** Blobs uploaded within {@link #PUSH_GRACE}: garbage collection leaves them for the manifest still to come. */
    Set<Digest> inProgress() {
        Instant cutoff = Instant.now().minus(PUSH_GRACE);
        recent.values().removeIf(at -> at.isBefore(cutoff));
        return Set.copyOf(recent.keySet());
    }

    Response start(Request request, String name, FolderRegistry registry) throws IOException, LayoutRepository.Refusal {
        if (!request.method().equals("POST")) {
            return RegistryAnswers.error(request, 405, "UNSUPPORTED", "start an upload with POST");
        }
        String mount = request.url().queryParameter("mount");
        String from = request.url().queryParameter("from");
        if (mount != null && from != null && Digest.isDigest(mount)) {
            Digest digest = Digest.parse(mount);
            LayoutRepository source = registry.repository(from);
            if (source.exists() && source.hasBlob(digest)) {
                LayoutRepository target = registry.repository(name);
                synchronized (registry.lock(target)) {
                    target.create();
                    link(source.blob(digest), target.blob(digest));
                }
                recent.put(digest, Instant.now());
                return RegistryAnswers.created(request, "/v2/" + name + "/blobs/" + digest, digest);
            }
        }
        String id = UUID.randomUUID().toString();
        Files.createDirectories(work);
        Session session = new Session(name, work.resolve(id));
        Files.write(session.file(), new byte[0]);
        sessions.put(id, session);
        String monolithic = request.url().queryParameter("digest");
        if (monolithic != null) return finish(request, id, session, monolithic, registry);
        return accepted(request, name, id, 0);
    }

    Response continueSession(Request request, String name, String id, FolderRegistry registry) throws IOException, LayoutRepository.Refusal {
        Session session = sessions.get(id);
        if (session == null || !session.repository().equals(name)) {
            throw new LayoutRepository.Refusal(404, "BLOB_UPLOAD_UNKNOWN", "there is no upload " + id + " for " + name);
        }
        return switch (request.method()) {
            case "PATCH" -> {
                append(request, session);
                yield accepted(request, name, id, Files.size(session.file()));
            }
            case "PUT" -> finish(request, id, session, request.url().queryParameter("digest"), registry);
            case "GET" -> RegistryAnswers.empty(request, 204).newBuilder()
                    .header("Range", "0-" + Math.max(0, Files.size(session.file()) - 1)).header("Docker-Upload-UUID", id).build();
            case "DELETE" -> {
                sessions.remove(id);
                Files.deleteIfExists(session.file());
                yield RegistryAnswers.empty(request, 204);
            }
            default -> RegistryAnswers.error(request, 405, "UNSUPPORTED", request.method() + " is not allowed on an upload");
        };
    }

    private Response finish(Request request, String id, Session session, String digestText, FolderRegistry registry)
            throws IOException, LayoutRepository.Refusal {
        try {
            if (digestText == null || !Digest.isDigest(digestText)) {
                throw new LayoutRepository.Refusal(400, "DIGEST_INVALID", "finish an upload with ?digest=sha256:…");
            }
            Digest expected = Digest.parse(digestText);
            append(request, session);
            Digest actual;
            try (InputStream in = Files.newInputStream(session.file())) {
                actual = BlobFiles.sha256(in);
            }
            if (!actual.equals(expected)) {
                throw new LayoutRepository.Refusal(400, "DIGEST_INVALID", "the uploaded bytes hash to " + actual + ", not " + expected);
            }
            LayoutRepository target = registry.repository(session.repository());
            synchronized (registry.lock(target)) {
                target.create();
                Files.createDirectories(target.blob(expected).getParent());
                BlobFiles.moveAtomically(session.file(), target.blob(expected));
            }
            recent.put(expected, Instant.now());
            return RegistryAnswers.created(request, "/v2/" + session.repository() + "/blobs/" + expected, expected);
        } finally {
            sessions.remove(id);
            Files.deleteIfExists(session.file());
        }
    }

    private static void append(Request request, Session session) throws IOException {
        if (request.body() == null) return;
        try (OutputStream out = Files.newOutputStream(session.file(), StandardOpenOption.APPEND);
                BufferedSink sink = Okio.buffer(Okio.sink(out))) {
            request.body().writeTo(sink);
        }
    }

    private static Response accepted(Request request, String name, String id, long size) {
        return RegistryAnswers.empty(request, 202).newBuilder()
                .header("Location", "/v2/" + name + "/blobs/uploads/" + id)
                .header("Range", "0-" + Math.max(0, size - 1))
                .header("Docker-Upload-UUID", id).build();
    }

    /** A hard link where the file system allows one (no extra space), else a copy renamed into place. */
    private static void link(Path source, Path target) throws IOException {
        if (Files.isRegularFile(target)) return;
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            // another mount got there first: same content
        } catch (IOException | UnsupportedOperationException e) {
            Path partial = Files.createTempFile(target.getParent(), BlobFiles.PARTIAL_PREFIX, ".partial");
            try {
                Files.copy(source, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                BlobFiles.moveAtomically(partial, target);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
