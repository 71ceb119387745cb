package dev.berth.jobs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where images live, named without any secret: a registry by its saved connection's id and host, a
 * layout or archive by its path. A job's summary is written from these, so it can be kept on disk.
 */
public sealed interface Place {

    PlaceKind kind();

    /** How a person reads it: {@code localhost:5000/team/app}, {@code ~/Downloads/app.tar}. */
    String description();

    /** A repository of a saved connection; {@code host} is for display only. */
    record Registry(String connectionId, String host, String repository) implements Place {
        public Registry {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(repository, "repository");
        }

        @Override
        public PlaceKind kind() {
            return PlaceKind.REGISTRY;
        }

        @Override
        public String description() {
            return host + "/" + repository;
        }
    }

    /** A layout folder or an archive file on this machine: shown by its path. */
    sealed interface OnDisk extends Place permits Layout, OciArchiveFile, DockerArchiveFile {
        Path path();

        @Override
        default String description() {
            return path().toString();
        }
    }

    record Layout(Path path) implements OnDisk {
        @Override
        public PlaceKind kind() {
            return PlaceKind.OCI_LAYOUT;
        }
    }

    record OciArchiveFile(Path path) implements OnDisk {
        @Override
        public PlaceKind kind() {
            return PlaceKind.OCI_ARCHIVE;
        }
    }

    record DockerArchiveFile(Path path) implements OnDisk {
        @Override
        public PlaceKind kind() {
            return PlaceKind.DOCKER_ARCHIVE;
        }
    }

    /**
     * The local Docker or Podman engine; the image in it is named by the {@link ImageAt}'s name,
     * {@code REPO:TAG} or an image id, as the engine names it.
     */
    record LocalEngine() implements Place {
        @Override
        public PlaceKind kind() {
            return PlaceKind.ENGINE;
        }

        /** As the command line names it: {@code engine:REPO:TAG}. */
        @Override
        public String description() {
            return "engine";
        }
    }

    /** A file or folder place of {@code kind} at {@code path}. */
    static Place local(PlaceKind kind, Path path) {
        return switch (kind) {
            case OCI_LAYOUT -> new Layout(path);
            case OCI_ARCHIVE -> new OciArchiveFile(path);
            case DOCKER_ARCHIVE -> new DockerArchiveFile(path);
            case REGISTRY, ENGINE -> throw new IllegalArgumentException(kind.label() + " is not a file or folder");
        };
    }
}
