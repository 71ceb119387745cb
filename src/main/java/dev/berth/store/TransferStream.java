package dev.berth.store;

import dev.berth.work.CancelSignal;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * The engine's view of a blob as it streams from one place to another: every read first checks
 * for cancellation, and the bytes read are reported as they pass. Places stay unaware of both.
 */
public final class TransferStream extends FilterInputStream {

    private final CancelSignal cancel;
    private final LongConsumer bytesRead;

    /** {@code bytesRead} receives the number of bytes of each read, from the reading thread. */
    public TransferStream(InputStream in, CancelSignal cancel, LongConsumer bytesRead) {
        super(in);
        this.cancel = cancel;
        this.bytesRead = bytesRead;
    }

    @Override
    public int read() throws IOException {
        cancel.throwIfCancelled();
        int b = super.read();
        if (b >= 0) bytesRead.accept(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        cancel.throwIfCancelled();
        int n = super.read(b, off, len);
        if (n > 0) bytesRead.accept(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        cancel.throwIfCancelled();
        long skipped = super.skip(n);
        if (skipped > 0) bytesRead.accept(skipped);
        return skipped;
    }
}
