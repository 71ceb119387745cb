package dev.berth.registry;

import dev.berth.work.Amount;
import dev.berth.work.Progress;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.RawBytes;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.http.ErrorResponses;
import dev.berth.registry.http.Exchange;
import dev.berth.registry.http.RegistryHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.OptionalLong;
import java.util.Set;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Blob reads: existence checks, small blobs into memory, large ones streamed to disk with Range
 * resume. Everything fetched by digest is verified against that digest (T14); memory use does not
 * depend on blob size.
 */
final class Blobs {

    private static final int BUFFER = 64 * 1024;

    private final RegistryHttp http;

    Blobs(RegistryHttp http) {
        this.http = http;
    }

    /**
     * The blob's size if {@code repository} has it, empty if not. A registry that does not say how
     * big (no or a garbled {@code Content-Length}) gives 0: only the blob's presence is known.
     */
    OptionalLong exists(String repository, Digest digest) throws RegistryException {
        Exchange exchange = Exchange.head(ApiPaths.blob(http, repository, digest).build(), Set.of(Scope.pull(repository)),
                "check for blob " + digest.shortHex() + " in " + repository).handling(404);
        try (Response response = http.send(exchange)) {
            if (response.code() == 404) return OptionalLong.empty();
            String length = response.header("Content-Length");
            return OptionalLong.of(length == null ? 0 : Math.max(0, Long.parseLong(length)));
        } catch (NumberFormatException e) {
            return OptionalLong.of(0);
        }
    }

    /** A small blob (a config) in memory, verified; refuses anything over {@code maxBytes}. */
    RawBytes read(String repository, Descriptor descriptor, int maxBytes) throws RegistryException {
        if (descriptor.size() > maxBytes) {
            throw new RegistryException.ProtocolViolation("The blob " + descriptor.digest().shortHex() + " in " + repository
                    + " is " + descriptor.size() + " bytes, more than the " + maxBytes + " Berth reads into memory.");
        }
        String action = "read blob " + descriptor.digest().shortHex() + " of " + repository;
        try (Response response = http.send(get(repository, descriptor, 0, action))) {
            byte[] bytes = ErrorResponses.readBounded(response, maxBytes);
            Digest actual = Digest.of(descriptor.digest().algorithm(), bytes);
            if (!actual.equals(descriptor.digest())) throw mismatch(repository, descriptor.digest(), actual);
            return RawBytes.of(bytes);
        } catch (IOException e) {
            throw Manifests.failure(http, e, action);
        }
    }

    /**
     * Downloads a blob to {@code target}. If {@code target} already holds a prefix of it (an
     * earlier attempt), the download resumes with a Range request; the digest covers the whole
     * file either way. On a mismatch the file is deleted.
     */
    void download(String repository, Descriptor descriptor, Path target, Progress<Amount> progress) throws RegistryException {
        Digest digest = descriptor.digest();
        String action = "download blob " + digest.shortHex() + " of " + repository;
        try {
            long have = Files.exists(target) ? Files.size(target) : 0;
            if (have > descriptor.size()) {
                Files.delete(target);
                have = 0;
            }
            MessageDigest hasher = digest.newHasher();
            if (have > 0) hashExisting(target, hasher);
            if (have < descriptor.size()) {
                try (Response response = http.send(get(repository, descriptor, have, action).handling(206, 416))) {
                    if (response.code() == 200 && have > 0) { // the server ignored Range: start over
                        hasher.reset();
                        have = 0;
                    }
                    if (response.code() == 206 && !rangeStartsAt(response, have)) {
                        throw new RegistryException.ProtocolViolation("The registry resumed the download of " + digest.shortHex()
                                + " at the wrong offset.");
                    }
                    if (response.code() != 416) {
                        have = copy(response.body().byteStream(), target, have, descriptor.size(), hasher, progress, digest);
                    }
                }
            }
            if (have != descriptor.size() || !digest.matches(hasher.digest())) {
                Files.deleteIfExists(target);
                throw new RegistryException.ProtocolViolation("The downloaded blob " + digest.shortHex() + " of " + repository
                        + " does not match its digest or size (" + have + " of " + descriptor.size() + " bytes); it was discarded.");
            }
        } catch (IOException e) {
            throw Manifests.failure(http, e, action);
        }
    }

    /**
     * An open stream over the blob; it throws at the end if the content does not match the digest.
     * A connection that breaks mid-stream is reopened with a Range request at the offset reached
     * (a few times), the same hash carrying on, so a long layer is not read again from the start.
     */
    InputStream open(String repository, Descriptor descriptor) throws RegistryException {
        String action = "read blob " + descriptor.digest().shortHex() + " of " + repository;
        Response response = http.send(get(repository, descriptor, 0, action));
        return new VerifyingInputStream(response, descriptor, offset -> reopen(repository, descriptor, offset, action),
                e -> failure(e, action));
    }

    /** The blob from {@code offset} on: a 206 from there, or a 200 whose first {@code offset} bytes are skipped. */
    private Response reopen(String repository, Descriptor descriptor, long offset, String action) throws IOException {
        Response response = http.send(get(repository, descriptor, offset, action).handling(206));
        try {
            if (response.code() == 206 && !rangeStartsAt(response, offset)) {
                throw new RegistryException.ProtocolViolation("The registry resumed the download of " + descriptor.digest().shortHex()
                        + " at the wrong offset.");
            }
            if (response.code() == 200) response.body().source().skip(offset); // the server ignored Range
            return response;
        } catch (IOException e) {
            response.close();
            throw e;
        }
    }

    private RegistryException failure(IOException e, String action) {
        return Manifests.failure(http, e, action);
    }

    /** A GET from {@code offset} on, given time for the bytes still to come (a drip is cut off, a big layer is not). */
    private Exchange get(String repository, Descriptor descriptor, long offset, String action) throws RegistryException {
        Exchange exchange = Exchange.get(ApiPaths.blob(http, repository, descriptor.digest()).build(),
                Set.of(Scope.pull(repository)), action).transferring(Math.max(0, descriptor.size() - offset));
        return offset > 0 ? exchange.withHeader("Range", "bytes=" + offset + "-") : exchange;
    }

    private static long copy(InputStream in, Path target, long have, long expected, MessageDigest hasher,
            Progress<Amount> progress, Digest digest) throws IOException {
        StandardOpenOption mode = have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (have + n > expected) {
                    throw new RegistryException.ProtocolViolation("The registry sent more bytes for blob " + digest.shortHex()
                            + " than its size (" + expected + ").");
                }
                out.write(buffer, 0, n);
                hasher.update(buffer, 0, n);
                have += n;
                progress.report(Amount.bytes(have, expected));
            }
        }
        return have;
    }

    private static void hashExisting(Path file, MessageDigest hasher) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) hasher.update(buffer, 0, n);
        }
    }

    private static boolean rangeStartsAt(Response response, long offset) {
        String range = response.header("Content-Range");
        return range == null || range.replace("bytes ", "").trim().startsWith(offset + "-");
    }

    static RegistryException.ProtocolViolation mismatch(String repository, Digest expected, Digest actual) {
        return new RegistryException.ProtocolViolation("The content of blob " + expected.shortHex() + " in " + repository
                + " hashes to " + actual.shortHex() + ": it is corrupt or was tampered with.");
    }

    /** Opens the rest of a blob from an offset, after a broken connection. */
    @FunctionalInterface
    private interface Reopener {
        Response from(long offset) throws IOException;
    }

    /** Turns a failure that ends the read into the registry's words. */
    @FunctionalInterface
    private interface Failure {
        RegistryException named(IOException e);
    }

    /**
     * Hashes as it reads; at end of stream, a wrong digest or size is an exception, not data. A
     * broken connection is resumed from the offset reached, up to {@link #RESUMES} times. A read fills
     * the caller's array (or reaches the end) instead of handing over one of OkHttp's 8 KiB segments:
     * every layer above (progress, the file's buffer, the hash) then works per 64 KiB, and a 64 KiB
     * read goes to the file without being copied into its buffer first.
     */
    private static final class VerifyingInputStream extends InputStream {
        private static final int RESUMES = 3;

        private final Descriptor descriptor;
        private final MessageDigest hasher;
        private final Reopener reopener;
        private final Failure failure;
        private Response response;
        private BufferedSource in;
        private long count;
        private IOException broken; // met by a read that had already filled some bytes: the next read throws it
        private int resumes;
        private boolean verified;

        VerifyingInputStream(Response response, Descriptor descriptor, Reopener reopener, Failure failure) {
            this.response = response;
            this.in = response.body().source();
            this.descriptor = descriptor;
            this.hasher = descriptor.digest().newHasher();
            this.reopener = reopener;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = readResuming(b, off, len);
            if (n > 0) {
                hasher.update(b, off, n);
                count += n;
                if (count > descriptor.size()) throw new RegistryException.ProtocolViolation("The blob "
                        + descriptor.digest().shortHex() + " is longer than its size.");
            } else if (n < 0 && !verified) {
                verified = true;
                if (count != descriptor.size() || !descriptor.digest().matches(hasher.digest())) {
                    throw new RegistryException.ProtocolViolation("The blob " + descriptor.digest().shortHex()
                            + " does not match its digest or size.");
                }
            }
            return n;
        }

        private int readResuming(byte[] b, int off, int len) throws IOException {
            while (true) {
                try {
                    return fill(b, off, len);
                } catch (RegistryException e) {
                    throw e;
                } catch (IOException e) {
                    if (resumes == RESUMES || count >= descriptor.size()) throw failure.named(e);
                    resumes++;
                    response.close();
                    try {
                        response = reopener.from(count);
                    } catch (IOException reopen) {
                        reopen.addSuppressed(e);
                        throw failure.named(reopen);
                    }
                    in = response.body().source();
                }
            }
        }

        /**
         * Reads until {@code len} bytes or the end. A failure after some bytes is kept for the next read, so
         * those bytes are handed over (hashed and counted) and the download resumes exactly where it broke.
         */
        private int fill(byte[] b, int off, int len) throws IOException {
            if (broken != null) {
                IOException failure = broken;
                broken = null;
                throw failure;
            }
            int filled = 0;
            while (filled < len) {
                int n;
                try {
                    n = in.read(b, off + filled, len - filled);
                } catch (IOException e) {
                    if (filled == 0) throw e;
                    broken = e;
                    return filled;
                }
                if (n < 0) return filled == 0 ? -1 : filled;
                filled += n;
            }
            return filled;
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
