package dev.berth.ui.jobs;

import dev.berth.domain.Platform;
import dev.berth.domain.Names;
import dev.berth.jobs.CopyJobs;
import dev.berth.jobs.CopyRequest;
import dev.berth.jobs.ImageAt;
import dev.berth.jobs.JobKind;
import dev.berth.jobs.Place;
import dev.berth.jobs.PlaceKind;
import dev.berth.transfer.CopyOptions;
import dev.berth.ui.browser.LocalImagesNode;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.Selection;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UserMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.ObservableList;

/**
 * The transfer commands on tags and repositories: Pull to local engine, Export…, Copy to…, Retag…
 * and Push…. Each asks through {@link TransferDialogs} and runs as a job; the local engine is
 * looked for through {@link EngineProbe}; nothing here blocks.
 */
public final class TransferActions {

    private final TransferDialogs dialogs;
    private final CopyJobs copies;
    private final ConnectedClients clients;
    private final ObservableList<RegistryNode> registries;
    private final Notifier notifier;
    private final EngineProbe engine;

    public TransferActions(TransferDialogs dialogs, CopyJobs copies, ConnectedClients clients, ObservableList<RegistryNode> registries,
            Notifier notifier, EngineProbe engine) {
        this.engine = engine;
        this.dialogs = dialogs;
        this.copies = copies;
        this.clients = clients;
        this.registries = registries;
        this.notifier = notifier;
    }

    /**
     * Loads the tag's image into the local engine under its registry name ({@code host/repo:tag}),
     * asking nothing; when no engine answers, says what to start instead.
     */
    public void pullToEngine(RepositoryNode repository, String tag) {
        engine.images(found -> copies.submit(new CopyRequest(JobKind.PULL, source(repository, tag), new ImageAt(new Place.LocalEngine(), ""),
                CopyOptions.defaults())), this::noEngine);
    }

    private void noEngine(String why) {
        notifier.show(new UserMessage("No local engine", why, "", UserMessage.Kind.OTHER));
    }

    /** Writes the tag's image to a file or folder of {@code kind} chosen by the person. */
    public void export(RepositoryNode repository, String tag, PlaceKind kind) {
        String title = "Export " + repository.name() + ":" + tag + " as " + kind.label();
        Optional<Path> chosen = kind.shape() == PlaceKind.Shape.FOLDER ? dialogs.chooseFolder(title)
                : dialogs.chooseArchiveToSave(title, fileName(repository, tag) + ".tar");
        chosen.ifPresent(path -> copies.submit(new CopyRequest(JobKind.EXPORT, source(repository, tag),
                // A docker-archive is named after the registry's image (so docker load names it); the others after the tag.
                new ImageAt(Place.local(kind, path), kind == PlaceKind.DOCKER_ARCHIVE ? "" : tag), CopyOptions.defaults())));
    }

    /** Copies the tag to any saved connection, repository and tag, with all or some platforms and its referrers. */
    public void copyTo(RepositoryNode repository, String tag, List<Platform> platforms) {
        copyTo(repository, tag, platforms, new TransferDialogs.Destination(repository.registry().id(), repository.name(), tag));
    }

    /** Like {@link #copyTo(RepositoryNode, String, List)}, the dialog showing {@code initial} (where a tag was dropped). */
    public void copyTo(RepositoryNode repository, String tag, List<Platform> platforms, TransferDialogs.Destination initial) {
        var form = new TransferDialogs.CopyTargetForm("Copy " + repository.name() + ":" + tag, connections(), initial, platforms, true);
        dialogs.chooseCopyTarget(form).ifPresent(target -> destination(target.destination()).ifPresent(to -> {
            CopyOptions options = CopyOptions.defaults().withPlatforms(target.platforms()).withReferrers(target.referrers());
            copies.submit(new CopyRequest(JobKind.COPY, source(repository, tag), to, options));
        }));
    }

    /**
     * A tag dropped on connection {@code targetConnection}'s repository (empty: on the connection
     * itself): Copy to… showing it there, or Retag… on the tag's own repository. A tag whose
     * connection was closed during the drag is said to be gone.
     */
    public void dropTag(TagDrag drag, String targetConnection, Optional<String> targetRepository,
            java.util.function.Function<Selection.OfTag, List<Platform>> platformsOf) {
        Optional<RepositoryNode> source = repository(drag.connectionId(), drag.repository());
        if (source.isEmpty()) {
            notifier.show(new UserMessage("Nothing to copy", drag.repository() + ":" + drag.tag() + " is no longer open in Berth: "
                    + "open its registry again, then drag the tag.", "", UserMessage.Kind.OTHER));
            return;
        }
        switch (drag.droppedOn(targetConnection, targetRepository)) {
            case TagDrag.Retag retag -> retag(source.get(), drag.tag());
            case TagDrag.Copy copy -> copyTo(source.get(), drag.tag(),
                    platformsOf.apply(Selection.of(source.get(), drag.tag())), copy.destination());
        }
    }

    /** A new tag on the same image in the same repository: no data moves. */
    public void retag(RepositoryNode repository, String tag) {
        dialogs.askTag("Retag " + repository.name() + ":" + tag, "New tag for the same image in " + repository.name() + ":", tag)
                .map(String::strip).filter(newTag -> !newTag.isEmpty() && !newTag.equals(tag))
                .ifPresent(newTag -> {
                    if (!Names.isValidTag(newTag)) {
                        notifier.show(new UserMessage("Not a tag", "'" + newTag + "' cannot be a tag: use letters, digits, '_', '.' and '-' "
                                + "(up to 128, not starting with '.' or '-').", "", UserMessage.Kind.OTHER));
                        return;
                    }
                    clients.remember(repository.registry().id(), repository.registry().client());
                    copies.submit(CopyRequest.retag(place(repository), tag, newTag));
                });
    }

    /**
     * Pushes a local engine image, an archive or a layout to a registry; {@code target} pre-fills
     * the repository. The engine's images are listed first, off the FX thread; without an engine
     * the dialog offers files and folders only.
     */
    public void push(Optional<RepositoryNode> target) {
        push(target, Optional.empty());
    }

    /** Push… with {@code source} (an archive or layout dropped on the window) already chosen. */
    public void push(TransferDialogs.LocalFile source) {
        push(Optional.empty(), Optional.of(source));
    }

    private void push(Optional<RepositoryNode> target, Optional<TransferDialogs.LocalFile> source) {
        if (registries.isEmpty()) {
            notifier.show(new UserMessage("No registry to push to", "Add a registry first, then push to it.", "", UserMessage.Kind.OTHER));
            return;
        }
        engine.images(images -> push(target, source, PlaceKind.local(), images), absent -> push(target, source, PlaceKind.files(), List.of()));
    }

    /** Push… on a local image in the tree: the push dialog with that image chosen, its repository and tag suggested. */
    public void push(LocalImagesNode.Entry image) {
        if (registries.isEmpty()) {
            notifier.show(new UserMessage("No registry to push to", "Add a registry first, then push to it.", "", UserMessage.Kind.OTHER));
            return;
        }
        engine.images(images -> push(Optional.empty(), Optional.empty(), PlaceKind.local(), images, Optional.of(image)), this::noEngine);
    }

    /** Export… on a local image in the tree: saved from the engine into a file or folder of {@code kind}. */
    public void export(LocalImagesNode.Entry image, PlaceKind kind) {
        String title = "Export " + image.name() + " as " + kind.label();
        String file = (image.repository().isEmpty() ? image.image().shortId() : image.repository() + "-" + image.tag()).replaceAll("[^A-Za-z0-9._-]", "_");
        Optional<Path> chosen = kind.shape() == PlaceKind.Shape.FOLDER ? dialogs.chooseFolder(title) : dialogs.chooseArchiveToSave(title, file + ".tar");
        chosen.ifPresent(path -> copies.submit(new CopyRequest(JobKind.EXPORT, new ImageAt(new Place.LocalEngine(), image.name()),
                new ImageAt(Place.local(kind, path), kind == PlaceKind.DOCKER_ARCHIVE || image.repository().isEmpty() ? "" : image.tag()),
                CopyOptions.defaults())));
    }

    private void push(Optional<RepositoryNode> target, Optional<TransferDialogs.LocalFile> source, List<PlaceKind> kinds, List<String> localImages) {
        push(target, source, kinds, localImages, Optional.empty());
    }

    private void push(Optional<RepositoryNode> target, Optional<TransferDialogs.LocalFile> source, List<PlaceKind> kinds, List<String> localImages,
            Optional<LocalImagesNode.Entry> image) {
        if (registries.isEmpty()) return; // removed while the engine was looked for
        RegistryNode registry = target.map(RepositoryNode::registry).orElse(registries.getFirst());
        // A local image suggests its own repository (without a registry host in front) and tag.
        String repository = target.map(RepositoryNode::name).or(() -> image.map(i -> withoutRegistry(i.repository()))).orElse("");
        String tag = image.filter(i -> !i.tag().isEmpty()).map(LocalImagesNode.Entry::tag).orElse("latest");
        var form = new TransferDialogs.PushForm(kinds, localImages, connections(),
                new TransferDialogs.Destination(registry.id(), repository, tag), image.map(LocalImagesNode.Entry::name), source);
        dialogs.choosePush(form).ifPresent(choice -> destination(choice.destination()).ifPresent(to -> copies.submit(
                new CopyRequest(JobKind.PUSH, new ImageAt(choice.source(), choice.name()), to, CopyOptions.defaults()))));
    }

    /** {@code localhost:5000/team/app} → {@code team/app}: the first segment is a registry when it has a '.' or ':' or is localhost. */
    private static String withoutRegistry(String repository) {
        int slash = repository.indexOf('/');
        if (slash < 0) return repository;
        String first = repository.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? repository.substring(slash + 1) : repository;
    }

    /** The repository {@code name} of the open connection {@code connectionId}, when both are still there. */
    public Optional<RepositoryNode> repository(String connectionId, String name) {
        return registries.stream().filter(r -> r.id().equals(connectionId)).findFirst().flatMap(r -> r.repository(name));
    }

    private ImageAt source(RepositoryNode repository, String tag) {
        clients.remember(repository.registry().id(), repository.registry().client());
        return new ImageAt(place(repository), tag);
    }

    private static Place.Registry place(RepositoryNode repository) {
        return new Place.Registry(repository.registry().id(), repository.registry().host(), repository.name());
    }

    private Optional<ImageAt> destination(TransferDialogs.Destination chosen) {
        Optional<RegistryNode> node = registries.stream().filter(r -> r.id().equals(chosen.connectionId())).findFirst();
        if (node.isEmpty()) return Optional.empty();
        String repository = chosen.repository().strip();
        if (!Names.isValidRepository(repository) || !Names.isValidTag(chosen.tag().strip())) {
            notifier.show(new UserMessage("Not a repository and tag", "'" + repository + ":" + chosen.tag().strip() + "' cannot name an image: "
                    + "a repository is lower-case letters, digits and separators (team/app), a tag letters, digits, '_', '.' and '-'.",
                    "", UserMessage.Kind.OTHER));
            return Optional.empty();
        }
        clients.remember(node.get().id(), node.get().client());
        return Optional.of(new ImageAt(new Place.Registry(node.get().id(), node.get().host(), repository), chosen.tag().strip()));
    }

    private List<TransferDialogs.ConnectionChoice> connections() {
        List<TransferDialogs.ConnectionChoice> choices = new ArrayList<>();
        for (RegistryNode node : registries) choices.add(new TransferDialogs.ConnectionChoice(node.id(), node.displayName()));
        return choices;
    }

    private static String fileName(RepositoryNode repository, String tag) {
        return (repository.name() + "-" + tag).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The platforms a tag row lists ("linux/amd64, linux/arm64/v8"); those that do not parse are left out. */
    public static List<Platform> platforms(String listed) {
        List<Platform> platforms = new ArrayList<>();
        for (String part : listed.split(",")) {
            try {
                if (!part.isBlank()) platforms.add(Platform.parse(part.strip()));
            } catch (IllegalArgumentException notAPlatform) {
                // e.g. "unknown": such an entry cannot be chosen anyway.
            }
        }
        return platforms;
    }
}
