package dev.berth.store;

import dev.berth.domain.MediaType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A docker-archive: the tar of {@code docker save} / {@code podman save}. Both of its layouts are
 * read: the classic one ({@code manifest.json}, {@code <id>/layer.tar}, the config JSON,
 * {@code repositories}) and the OCI layout inside a tar that Docker 25+ writes. The classic one is
 * written, as {@code podman load} and {@code docker load} accept it: uncompressed layers.
 */
public final class DockerArchive {

    /** An uncompressed layer tar, as a classic docker-archive holds them. */
    public static final MediaType DOCKER_LAYER_TAR = MediaType.of("application/vnd.docker.image.rootfs.diff.tar");

    static final String MANIFEST_JSON = "manifest.json";
    static final String REPOSITORIES = "repositories";

    private DockerArchive() {}

    /** The archive at {@code file}, for reading; its tags are {@code name:tag} as in {@code RepoTags}. */
    public static ImageSource read(Path file) throws IOException {
        TarFiles files = TarFiles.open(file);
        try {
            boolean ociInside = files.has(OciLayoutReader.INDEX_JSON) && files.has(OciLayoutReader.OCI_LAYOUT);
            return ociInside ? new DockerOciArchiveReader(file, files) : new DockerArchiveReader(file, files);
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
    }

    /**
     * A new archive at {@code file}, which appears only when committed. Tags given to
     * {@link ImageDestination#putImage} become {@code RepoTags} ({@code name:tag}).
     */
    public static ImageDestination create(Path file) throws IOException {
        return new DockerArchiveWriter(file.toAbsolutePath().normalize());
    }
}
