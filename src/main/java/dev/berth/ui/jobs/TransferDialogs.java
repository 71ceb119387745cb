package dev.berth.ui.jobs;

import dev.berth.domain.Platform;
import dev.berth.jobs.Place;
import dev.berth.jobs.PlaceKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The questions a transfer asks in windows of their own; tests script the answers. Empty means cancelled. */
public interface TransferDialogs {

    /** Where to write an archive file ({@code .tar}). */
    Optional<Path> chooseArchiveToSave(String title, String suggestedName);

    /** Which archive file to read. */
    Optional<Path> chooseArchiveToOpen(String title);

    /** A folder (an OCI layout to write or read). */
    Optional<Path> chooseFolder(String title);

    /** The new tag of a retag. */
    Optional<String> askTag(String title, String text, String initial);

    /** Where a copy goes: connection, repository, tag, platforms, referrers. */
    Optional<CopyTarget> chooseCopyTarget(CopyTargetForm form);

    /** What a push reads (a file or folder of one of the form's kinds) and where it goes. */
    Optional<PushChoice> choosePush(PushForm form);

    /** An OCI layout folder was dropped or named: push it to a registry, or open it as a folder connection. */
    Optional<LayoutUse> askLayoutUse(Path folder);

    /** What to do with a layout folder. */
    enum LayoutUse { PUSH, OPEN }

    /** A saved connection as a dialog lists it. */
    record ConnectionChoice(String id, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A repository and tag of a saved connection. */
    record Destination(String connectionId, String repository, String tag) {
        public Destination {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(tag, "tag");
        }
    }

    /** {@code platforms}: those of the image (empty when it has one, or they are not known yet). */
    record CopyTargetForm(String title, List<ConnectionChoice> connections, Destination initial, List<Platform> platforms,
            boolean referrersPossible) {
        public CopyTargetForm {
            connections = List.copyOf(connections);
            platforms = List.copyOf(platforms);
        }
    }

    /** {@code platforms} empty: all of them. */
    record CopyTarget(Destination destination, List<Platform> platforms, boolean referrers) {
        public CopyTarget {
            platforms = List.copyOf(platforms);
        }
    }

    /**
     * {@code sourceKinds}: the kinds of place a push can read, in the order offered (the local
     * engine among them when it answered); {@code localImages}: the engine's images by name;
     * {@code chosenImage}: the engine image to start with (Push… on a local image in the tree);
     * {@code initialSource}: the file or folder already chosen (dropped on the window), if any.
     */
    record PushForm(List<PlaceKind> sourceKinds, List<String> localImages, List<ConnectionChoice> connections, Destination initial,
            Optional<String> chosenImage, Optional<LocalFile> initialSource) {
        public PushForm {
            sourceKinds = List.copyOf(sourceKinds);
            localImages = List.copyOf(localImages);
            connections = List.copyOf(connections);
            Objects.requireNonNull(chosenImage, "chosenImage");
            Objects.requireNonNull(initialSource, "initialSource");
        }

        public PushForm(List<PlaceKind> sourceKinds, List<String> localImages, List<ConnectionChoice> connections, Destination initial) {
            this(sourceKinds, localImages, connections, initial, Optional.empty(), Optional.empty());
        }
    }

    /** An archive file or layout folder on this machine, of a file or folder {@code kind}. */
    record LocalFile(PlaceKind kind, Path path) {
        public LocalFile {
            Objects.requireNonNull(path, "path");
            if (kind.shape() != PlaceKind.Shape.FILE && kind.shape() != PlaceKind.Shape.FOLDER) {
                throw new IllegalArgumentException(kind.label() + " is not a file or folder");
            }
        }
    }

    /**
     * {@code name}: the image's tag inside the file or folder, empty for its only image; for the
     * local engine, the image's name ({@code REPO:TAG} or id) and no {@code path}.
     */
    record PushChoice(PlaceKind kind, Path path, String name, Destination destination) {

        /** A local engine image to push. */
        public static PushChoice engineImage(String image, Destination destination) {
            return new PushChoice(PlaceKind.ENGINE, null, image, destination);
        }

        public Place source() {
            return kind == PlaceKind.ENGINE ? new Place.LocalEngine() : Place.local(kind, path);
        }
    }
}
