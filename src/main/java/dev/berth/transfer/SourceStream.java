package dev.berth.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers a failure of the source stream, so that when a destination reports "the upload broke"
 * the engine can say what really happened: the source blob was corrupt or could not be read.
 */
final class SourceStream extends FilterInputStream {

    private volatile IOException failure;

    SourceStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    IOException failure() {
        return failure;
    }
}
