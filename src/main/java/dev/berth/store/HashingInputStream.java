package dev.berth.store;

import dev.berth.domain.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes what is read through it (skipped bytes are read too, so nothing escapes the hash). Used
 * as it is where a digest is learnt (an uncompressed layer), and by {@link VerifyingInputStream}
 * where one is checked.
 */
class HashingInputStream extends FilterInputStream {

    private final String algorithm;
    private final MessageDigest hasher;
    private long count;
    private Digest digest;

    /** Hashing with sha256. */
    HashingInputStream(InputStream in) {
        this(in, "sha256");
    }

    HashingInputStream(InputStream in, String algorithm) {
        super(in);
        this.algorithm = algorithm;
        try {
            this.hasher = MessageDigest.getInstance("sha512".equals(algorithm) ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            hasher.update(b, off, n);
            count += n;
            afterRead(count);
        } else if (n < 0 && digest == null) {
            digest = new Digest(algorithm, HexFormat.of().formatHex(hasher.digest()));
            atEnd(count, digest);
        }
        return n;
    }

    @Override
    public final long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) break;
            skipped += r;
        }
        return skipped;
    }

    @Override
    public final boolean markSupported() {
        return false;
    }

    /** Told the number of bytes read so far, after each read. */
    void afterRead(long bytesSoFar) throws IOException {
    }

    /** Told the total and the digest once, when the stream ends. */
    void atEnd(long bytes, Digest digest) throws IOException {
    }

    /** The digest of everything read; only once the stream has been read to its end. */
    Digest digest() {
        if (digest == null) throw new IllegalStateException("the stream has not been read to its end");
        return digest;
    }
}
