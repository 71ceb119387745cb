package dev.berth.registry;

import java.io.IOException;
import java.io.InputStream;

/** Opens a blob's content from the start; called again when an upload has to restart. */
@FunctionalInterface
public interface BlobSource {
    InputStream open() throws IOException;
}
