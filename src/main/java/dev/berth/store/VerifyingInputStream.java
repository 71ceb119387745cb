package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Hashes what passes through; at the end of the stream a wrong digest or size is an exception,
 * never data. More bytes than the descriptor's size fail at once.
 */
final class VerifyingInputStream extends HashingInputStream {

    private final Descriptor expected;
    private final String where;

    VerifyingInputStream(InputStream in, Descriptor expected, String where) {
        super(in, expected.digest().algorithm());
        this.expected = expected;
        this.where = where;
    }

    @Override
    void afterRead(long bytesSoFar) throws StoreException {
        if (bytesSoFar > expected.size()) throw mismatch();
    }

    @Override
    void atEnd(long bytes, Digest digest) throws StoreException {
        if (bytes != expected.size() || !digest.equals(expected.digest())) throw mismatch();
    }

    private StoreException.Corrupt mismatch() {
        return new StoreException.Corrupt("The blob " + expected.digest() + " in " + where + " does not match its digest or size ("
                + expected.size() + " bytes): the file is corrupt or was changed. Copy the image there again.");
    }
}
