package dev.berth.store;

import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** An OCI image layout inside a tar, read in place: an OCI archive, or (with its own names) Docker 25's docker-archive. */
class LayoutTarSource implements ImageSource {

    private final String description;
    private final TarFiles files;
    final OciLayoutReader layout;

    LayoutTarSource(String transport, Path file, TarFiles files) {
        this.description = transport + ":" + file;
        this.files = files;
        this.layout = new OciLayoutReader(files, description);
    }

    final TarFiles files() {
        return files;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public List<String> tags() throws IOException {
        return layout.tags();
    }

    @Override
    public Descriptor resolve(String tag) throws IOException {
        return layout.resolve(tag);
    }

    @Override
    public Descriptor onlyImage() throws IOException {
        return layout.onlyImage();
    }

    @Override
    public final Manifest manifest(Digest digest) throws IOException {
        return layout.manifest(digest);
    }

    @Override
    public final OptionalLong blobSize(Digest digest) throws IOException {
        return layout.blobSize(digest);
    }

    @Override
    public final InputStream openBlob(Descriptor blob) throws IOException {
        return layout.openBlob(blob);
    }

    @Override
    public final void close() throws IOException {
        files.close();
    }
}
