package dev.berth.store;

import dev.berth.domain.Descriptor;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes what passes through; at the end of the stream a wrong digest or size is an exception,
 * never data. More bytes than the descriptor's size fail at once.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final Descriptor expected;
    private final String where;
    private final MessageDigest hasher;
    private long count;
    private boolean verified;

    VerifyingInputStream(InputStream in, Descriptor expected, String where) {
        super(in);
        this.expected = expected;
        this.where = where;
        this.hasher = expected.digest().newHasher();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            hasher.update(b, off, n);
            count += n;
            if (count > expected.size()) throw mismatch();
        } else if (n < 0 && !verified) {
            verified = true;
            if (count != expected.size() || !expected.digest().matches(hasher.digest())) throw mismatch();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would not be hashed: read them instead.
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
    public boolean markSupported() {
        return false;
    }

    private StoreException.Corrupt mismatch() {
        return new StoreException.Corrupt("The blob " + expected.digest() + " in " + where + " does not match its digest or size ("
                + expected.size() + " bytes): the file is corrupt or was changed. Copy the image there again.");
    }
}
