package dev.berth.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Layout files in a directory. */
final class DirectoryFiles implements LayoutFiles {

    private final Path root;

    DirectoryFiles(Path root) {
        this.root = root;
    }

    @Override
    public OptionalLong size(String path) throws IOException {
        Path file = root.resolve(path);
        return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
    }

    @Override
    public InputStream open(String path) throws IOException {
        try {
            return Files.newInputStream(root.resolve(path));
        } catch (NoSuchFileException e) {
            throw new StoreException.NotFound("There is no " + path + " in " + root + ".");
        }
    }

    @Override
    public void close() {
        // Nothing held open between reads.
    }
}
