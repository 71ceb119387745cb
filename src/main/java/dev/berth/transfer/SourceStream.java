package dev.berth.transfer;

import dev.berth.domain.Descriptor;
import dev.berth.store.ImageSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a source blob for a destination (which may open it again when an upload restarts) and
 * remembers any failure of the source, opening or reading, so that when a destination reports
 * "the upload broke" the engine can say what really happened: the source blob is missing, corrupt
 * or could not be read.
 */
final class SourceStream {

    private final ImageSource from;
    private final Descriptor blob;
    private volatile IOException failure;

    SourceStream(ImageSource from, Descriptor blob) {
        this.from = from;
        this.blob = blob;
    }

    InputStream open() throws IOException {
        try {
            return new Watched(from.openBlob(blob));
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** The source's own failure, if it had one. */
    IOException failure() {
        return failure;
    }

    private final class Watched extends FilterInputStream {
        private long count;
        private boolean verified;

        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count += n;
                    if (count >= blob.size() && !verified) verifyBeforeTheLastBytesGo();
                }
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        /**
         * A source verifies at its end of stream, but a destination that has read all the bytes it was told to
         * expect never asks for that end: it would store or upload a corrupt blob and blame itself. So the end is
         * read here, before the last bytes are handed on.
         */
        private void verifyBeforeTheLastBytesGo() throws IOException {
            verified = true;
            if (super.read() >= 0) throw new IOException("The blob " + blob.digest() + " is longer than its size (" + blob.size() + ").");
        }
    }
}
