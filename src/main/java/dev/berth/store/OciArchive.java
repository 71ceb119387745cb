package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * An OCI archive: a tar of an OCI image layout ({@code skopeo}'s {@code oci-archive:}). Read in
 * place; written as a layout in a temporary directory that is packed into a temporary file and
 * renamed over the target on commit (an existing archive is replaced, as skopeo does).
 */
public final class OciArchive {

    private OciArchive() {}

    /** The archive at {@code file}, for reading. */
    public static ImageSource read(Path file) throws IOException {
        TarFiles files = TarFiles.open(file);
        return new LayoutTarSource("oci-archive", file, files);
    }

    /** A new archive at {@code file}, which appears only when committed. */
    public static ImageDestination create(Path file) throws IOException {
        return new Writer(file.toAbsolutePath().normalize());
    }

    private static final class Writer implements ImageDestination {
        private final Path file;
        private final Path staging;
        private final OciLayout layout;

        Writer(Path file) throws IOException {
            this.file = file;
            Files.createDirectories(file.getParent());
            this.staging = Files.createTempDirectory(file.getParent(), "." + file.getFileName() + BlobFiles.PARTIAL_PREFIX);
            this.layout = OciLayout.open(staging.resolve("layout"));
        }

        @Override
        public String description() {
            return "oci-archive:" + file;
        }

        @Override
        public OptionalLong blobSize(Digest digest) throws IOException {
            return layout.blobSize(digest);
        }

        @Override
        public void putBlob(Descriptor blob, BlobContent content) throws IOException {
            layout.putBlob(blob, content);
        }

        @Override
        public void putManifest(Manifest manifest) throws IOException {
            layout.putManifest(manifest);
        }

        @Override
        public void putImage(Manifest manifest, Optional<String> tag) throws IOException {
            layout.putImage(manifest, tag);
        }

        @Override
        public void commit() throws IOException {
            layout.commit();
            Path root = staging.resolve("layout");
            try (TarWriter tar = new TarWriter(file); Stream<Path> walk = Files.walk(root)) {
                for (Path path : walk.sorted().toList()) {
                    String name = root.relativize(path).toString().replace('\\', '/');
                    if (name.isEmpty()) continue;
                    if (Files.isDirectory(path)) tar.addDirectory(name);
                    else tar.addFile(name, path);
                }
                tar.finish();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                layout.close();
            } finally {
                BlobFiles.deleteTree(staging);
            }
        }
    }
}
