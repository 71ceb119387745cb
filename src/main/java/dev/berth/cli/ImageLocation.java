package dev.berth.cli;

import dev.berth.domain.Reference;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an image is, written in skopeo's transport syntax: {@code docker://HOST/REPO:TAG|@DIGEST},
 * {@code oci:DIR[:TAG]}, {@code oci-archive:FILE[:TAG]}, {@code docker-archive:FILE[:REF]}, and the local
 * Docker or Podman engine as {@code engine:REPO:TAG} or {@code engine:IMAGE-ID}; a bare
 * {@code HOST/REPO:TAG} means {@code docker://}. As in skopeo, a path ends at its first ':'.
 */
sealed interface ImageLocation {

    /** The tag or reference given after the path, empty when none was. */
    Optional<String> name();

    record Registry(Reference reference) implements ImageLocation {
        @Override
        public Optional<String> name() {
            return reference.tag();
        }
    }

    record Layout(Path dir, Optional<String> name) implements ImageLocation {}

    record OciArchive(Path file, Optional<String> name) implements ImageLocation {}

    record DockerArchive(Path file, Optional<String> name) implements ImageLocation {}

    /** An image of the local engine, named as the engine names it: REPO:TAG, or an image id. */
    record Engine(Optional<String> name) implements ImageLocation {}

    static final String ENGINE = "engine:";

    /** Whether {@code text} names the local engine. */
    static boolean namesTheEngine(String text) {
        return text.startsWith(ENGINE);
    }

    /** Whether {@code text} names a layout or an archive rather than a registry. */
    static boolean namesAFile(String text) {
        return text.startsWith("oci:") || text.startsWith("oci-archive:") || text.startsWith("docker-archive:");
    }

    /** {@link #parse(String)} for a command's argument: a location that does not parse is a usage error. */
    static ImageLocation parse(picocli.CommandLine commandLine, String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    static ImageLocation parse(String text) {
        if (text.startsWith("docker://")) return registry(text.substring("docker://".length()), text);
        if (text.startsWith("oci:")) return pathAndName(text, "oci:", Layout::new);
        if (text.startsWith("oci-archive:")) return pathAndName(text, "oci-archive:", OciArchive::new);
        if (text.startsWith("docker-archive:")) return pathAndName(text, "docker-archive:", DockerArchive::new);
        if (namesTheEngine(text)) return new Engine(Optional.of(text.substring(ENGINE.length())).filter(n -> !n.isEmpty()));
        return registry(text, text);
    }

    private static Registry registry(String reference, String text) {
        try {
            return new Registry(Reference.parse(reference));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an image location: " + e.getMessage()
                    + " Use docker://HOST/REPO:TAG, oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF] or engine:REPO:TAG.");
        }
    }

    private static ImageLocation pathAndName(String text, String transport, PathAndName make) {
        String rest = text.substring(transport.length());
        int colon = rest.indexOf(':');
        String path = colon < 0 ? rest : rest.substring(0, colon);
        Optional<String> name = colon < 0 ? Optional.empty() : Optional.of(rest.substring(colon + 1)).filter(n -> !n.isEmpty());
        if (path.isEmpty()) throw new IllegalArgumentException("'" + text + "' names no path: write " + transport + "PATH[:TAG].");
        return make.of(Path.of(path), name);
    }

    @FunctionalInterface
    interface PathAndName {
        ImageLocation of(Path path, Optional<String> name);
    }
}
