package dev.berth.registry;

import dev.berth.work.Amount;
import dev.berth.work.Progress;
import dev.berth.work.CancelSignal;
import dev.berth.domain.Digest;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.http.Exchange;
import dev.berth.registry.http.RegistryHttp;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Blob uploads (trap T11): monolithic or chunked, always continuing at the newest
 * {@code Location}, never replaying a PATCH (Distribution ignores Content-Range, so a replayed
 * chunk would be appended twice). A failed upload restarts from a fresh session instead.
 */
final class BlobUploads {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final int MAX_ATTEMPTS = 2;

    private final RegistryHttp http;
    private final Blobs blobs;

    BlobUploads(RegistryHttp http, Blobs blobs) {
        this.http = http;
        this.blobs = blobs;
    }

    /**
     * Uploads {@code size} bytes from {@code source} as {@code digest}, unless the repository has
     * the blob already. {@code chunkSize} 0 sends it in one request.
     */
    void upload(String repository, Digest digest, long size, BlobSource source, long chunkSize, Progress<Amount> progress)
            throws RegistryException {
        if (blobs.exists(repository, digest).isPresent()) {
            progress.report(Amount.bytes(size, size));
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                uploadOnce(repository, digest, size, source, chunkSize, progress);
                return;
            } catch (RegistryException e) {
                if (!e.isTemporary() || attempt >= MAX_ATTEMPTS) throw e;
            }
        }
    }

    /** Mounts {@code digest} from {@code fromRepository}; if the registry opens an upload instead, cancels it. */
    MountResult mount(String repository, Digest digest, String fromRepository) throws RegistryException {
        HttpUrl url = ApiPaths.uploads(http, repository).addQueryParameter("mount", digest.toString())
                .addQueryParameter("from", fromRepository).build();
        Exchange exchange = Exchange.of("POST", url, RequestBody.create(new byte[0], null),
                Set.of(Scope.push(repository), Scope.pull(fromRepository)),
                "mount blob " + digest.shortHex() + " from " + fromRepository + " into " + repository);
        try (Response response = http.send(exchange)) {
            if (response.code() == 201) return MountResult.MOUNTED;
            if (response.code() == 202) {
                cancelSession(repository, location(response));
                return MountResult.NOT_MOUNTED;
            }
            throw new RegistryException.ProtocolViolation("The registry answered the mount with HTTP " + response.code() + ".");
        } catch (RegistryException.Forbidden noAccessToSource) {
            // Token registries refuse the whole mount when the user may not pull from the source (Distribution:
            // 401 insufficient_scope). That only rules out the shortcut: the blob can still be uploaded, and a
            // missing push permission on the target will be reported by that upload.
            return MountResult.NOT_MOUNTED;
        }
    }

    private void uploadOnce(String repository, Digest digest, long size, BlobSource source, long chunkSize,
            Progress<Amount> progress) throws RegistryException {
        String action = "upload blob " + digest.shortHex() + " to " + repository;
        HttpUrl location;
        try (Response started = http.send(Exchange.of("POST", ApiPaths.uploads(http, repository).build(),
                RequestBody.create(new byte[0], null), Set.of(Scope.push(repository)), action))) {
            location = location(started);
        }
        HttpUrl session = location;
        boolean finished = false;
        try {
            sendContent(repository, location, digest, size, source, chunkSize, progress, action);
            finished = true;
        } finally {
            // A session left open holds its partial data on the registry until it expires (days, for Distribution).
            if (!finished) cancelSession(repository, session);
        }
    }

    private void sendContent(String repository, HttpUrl location, Digest digest, long size, BlobSource source, long chunkSize,
            Progress<Amount> progress, String action) throws RegistryException {
        try (InputStream in = source.open()) {
            if (chunkSize <= 0 || chunkSize >= size) {
                finish(repository, location, digest, body(in, size, 0, size, progress), size, action);
                return;
            }
            long offset = 0;
            while (offset < size) {
                long length = Math.min(chunkSize, size - offset);
                Exchange patch = Exchange.of("PATCH", location, body(in, length, offset, size, progress), Set.of(Scope.push(repository)), action)
                        .withHeader("Content-Range", offset + "-" + (offset + length - 1)).transferring(length);
                try (Response response = http.send(patch)) {
                    location = location(response);
                    checkRange(response, offset + length, action);
                }
                offset += length;
            }
            finish(repository, location, digest, RequestBody.create(new byte[0], OCTET_STREAM), size, action);
        } catch (IOException e) {
            throw Manifests.failure(http, e, action);
        }
    }

    private void finish(String repository, HttpUrl location, Digest digest, RequestBody body, long size, String action)
            throws RegistryException {
        HttpUrl url = location.newBuilder().addQueryParameter("digest", digest.toString()).build();
        Exchange put = Exchange.of("PUT", url, body, Set.of(Scope.push(repository)), action).transferring(bodyBytes(body));
        try (Response response = http.send(put)) {
            Optional<Digest> stored = Manifests.claimedDigest(response);
            if (stored.isPresent() && !stored.get().equals(digest)) {
                throw new RegistryException.ProtocolViolation("The registry stored the blob as " + stored.get()
                        + " instead of " + digest + ".");
            }
        }
    }

    /** The bytes a request body carries (a whole blob for a monolithic upload, none to close a chunked one). */
    private static long bodyBytes(RequestBody body) {
        try {
            return Math.max(0, body.contentLength());
        } catch (IOException unknown) {
            return 0;
        }
    }

    /** Sent even when the work was cancelled: the cancel is why the session has to go. */
    private void cancelSession(String repository, HttpUrl location) {
        try (Response ignored = http.withCancel(CancelSignal.none()).send(Exchange.of("DELETE", location, null,
                Set.of(Scope.push(repository)), "cancel an unused upload in " + repository).handling(404))) {
            // Nothing to read: the session is gone either way.
        } catch (RegistryException e) {
            // The unused session expires on the server by itself; what the caller was doing decides the outcome.
        }
    }

    /** Location may be absolute or relative to the request (T11). */
    private static HttpUrl location(Response response) throws RegistryException {
        String value = response.header("Location");
        HttpUrl url = value == null ? null : response.request().url().resolve(value);
        if (url == null) throw new RegistryException.ProtocolViolation("The registry did not say where to upload (no Location).");
        return url;
    }

    private static void checkRange(Response response, long expectedEnd, String action) throws RegistryException {
        String range = response.header("Range");
        if (range == null) return;
        int dash = range.lastIndexOf('-');
        try {
            long end = Long.parseLong(range.substring(dash + 1).trim());
            if (end + 1 != expectedEnd) {
                throw new RegistryException.ProtocolViolation("The registry received " + (end + 1) + " bytes where "
                        + expectedEnd + " were sent, trying to " + action + ".", 0, java.util.List.of(), true);
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new RegistryException.ProtocolViolation("The registry sent an unreadable Range header (" + range + ").");
        }
    }

    /** A one-shot body streaming {@code length} bytes from {@code in}: never buffered, never replayed. */
    private static RequestBody body(InputStream in, long length, long offset, long total, Progress<Amount> progress) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return OCTET_STREAM;
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                // Read in 64 KiB pieces: Okio.source(in) would ask the stream (a file, in the end) for 8 KiB at a time.
                byte[] buffer = new byte[64 * 1024];
                long written = 0;
                while (written < length) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, length - written));
                    if (read < 0) throw new IOException("the blob source ended after " + (offset + written) + " bytes");
                    sink.write(buffer, 0, read);
                    written += read;
                    progress.report(Amount.bytes(offset + written, total));
                }
            }
        };
    }
}
