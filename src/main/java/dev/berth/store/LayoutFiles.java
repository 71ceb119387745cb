package dev.berth.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/** The files of an image layout, wherever they are: a directory or the entries of a tar. Paths use '/'. */
interface LayoutFiles extends Closeable {

    /** The file's size, empty if there is no such file. */
    OptionalLong size(String path) throws IOException;

    /** The file's content; {@link StoreException.NotFound} if there is no such file. */
    InputStream open(String path) throws IOException;

    /** Reads a small file whole, refusing one over {@code maxBytes}. */
    default byte[] readSmall(String path, int maxBytes) throws IOException {
        long size = size(path).orElseThrow(() -> new StoreException.NotFound("There is no " + path + "."));
        if (size > maxBytes) throw new StoreException.Corrupt(path + " is " + size + " bytes, more than the " + maxBytes + " expected.");
        try (InputStream in = open(path)) {
            return in.readNBytes(maxBytes + 1);
        }
    }
}
