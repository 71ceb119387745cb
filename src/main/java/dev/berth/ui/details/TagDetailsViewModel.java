package dev.berth.ui.details;

import dev.berth.registry.RequestNames;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.browse.ImageSummary;
import dev.berth.browse.RepositorySnapshot;
import dev.berth.browse.TagInfo;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.inspect.ImageDetails;
import dev.berth.inspect.ImageInspector;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UiTask;
import dev.berth.ui.common.UserMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Details of one tag or digest: summary, layers (with how many tags share each), platforms,
 * config and history, the raw manifest, referrers, and the pull commands to copy.
 */
public final class TagDetailsViewModel {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Describes an image of the local engine by name: blocking, so it is called off the FX thread. */
    @FunctionalInterface
    public interface LocalEngine {
        LocalEngine NONE = name -> {
            throw new java.io.IOException("Berth does not look for a local engine here.");
        };

        Optional<dev.berth.engine.EngineImageDetails> details(String name) throws Exception;
    }

    private final UiExecutor executor;
    private final LocalEngine engine;

    // Properties
    private final ReadOnlyObjectWrapper<DetailsContent> content = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<EngineDetailsContent> engineContent = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper engineImage = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<UserMessage> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");

    private dev.berth.ui.browser.RegistryPlace place = dev.berth.ui.browser.RegistryPlace.remote("");
    private String repository = "";
    private String requested = "";
    private UiTask running;

    public TagDetailsViewModel(UiExecutor executor) {
        this(executor, LocalEngine.NONE);
    }

    public TagDetailsViewModel(UiExecutor executor, LocalEngine engine) {
        this.executor = executor;
        this.engine = engine;
    }

    /** The shown image of the local engine; null while a registry tag is shown. */
    public ReadOnlyObjectProperty<EngineDetailsContent> engineContentProperty() {
        return engineContent.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DetailsContent> contentProperty() {
        return content.getReadOnlyProperty();
    }

    /** True while an image of the local engine is shown or loading: it has no pull command, digest or transfers of a tag. */
    public ReadOnlyBooleanProperty engineImageProperty() {
        return engineImage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    // Commands

    /**
     * Loads {@code repository:tagOrDigest}. {@code snapshot}, when the tag table has one, tells
     * how many tags share each layer without more requests.
     */
    public void open(RegistryClient client, String registryName, String repositoryName, String tagOrDigest,
            Optional<RepositorySnapshot> snapshot) {
        open(client, dev.berth.ui.browser.RegistryPlace.remote(registryName), repositoryName, tagOrDigest, snapshot);
    }

    /** As above, for a place that may be a folder (its commands and references then name the folder). */
    public void open(RegistryClient client, dev.berth.ui.browser.RegistryPlace where, String repositoryName, String tagOrDigest,
            Optional<RepositorySnapshot> snapshot) {
        if (running != null) running.cancel();
        place = where;
        repository = repositoryName;
        requested = tagOrDigest;
        engineImage.set(false);
        String shownAs = repositoryName + (Digest.isDigest(tagOrDigest) ? "@" + tagOrDigest.substring(0, 19) + "…" : ":" + tagOrDigest);
        load(shownAs, content, (cancel, progress) -> {
            RegistryClient cancellable = client.withCancel(cancel);
            ImageDetails details = new ImageInspector(cancellable).inspect(repositoryName, tagOrDigest);
            List<Descriptor> referrers = List.of();
            String note;
            try {
                referrers = cancellable.referrers(RequestNames.repository(repositoryName), details.digest());
                note = referrers.isEmpty() ? "Nothing refers to this image (no signatures, SBOMs or attestations found)." : "";
            } catch (RegistryException e) {
                note = "Referrers could not be listed: " + e.getMessage();
            }
            return new DetailsContent(details, layerRows(details, snapshot), pretty(details.manifest().raw().toByteArray()),
                    referrers, note);
        });
    }

    /**
     * Loads what the local engine tells about its image {@code name} ({@code shownAs}: how the tree
     * shows it): two small JSON answers, never the image itself.
     */
    public void openLocal(String name, String shownAs) {
        if (running != null) running.cancel();
        place = dev.berth.ui.browser.RegistryPlace.remote("");
        repository = "";
        requested = "";
        engineImage.set(true);
        load(shownAs, engineContent, (cancel, progress) -> EngineDetailsContent.of(name, engine.details(name)
                .orElseThrow(() -> new java.io.IOException("The local engine no longer has " + shownAs
                        + ". Refresh the Local images node to see what it holds."))));
    }

    /** Clears what was shown and loads {@code shownAs} off the FX thread into {@code target}, or a problem in words. */
    private <T> void load(String shownAs, ReadOnlyObjectWrapper<T> target, dev.berth.ui.common.BackgroundWork<T> work) {
        title.set(shownAs);
        content.set(null);
        engineContent.set(null);
        problem.set(null);
        loading.set(true);
        running = executor.submit("Loading " + shownAs, work, loaded -> {
            running = null;
            loading.set(false);
            target.set(loaded);
        }, error -> {
            running = null;
            loading.set(false);
            problem.set(UserMessage.of(error));
        });
    }

    /** {@code docker pull host/repo:tag} for the clipboard; for a folder, the {@code berth copy} that does the same (see {@link dev.berth.ui.browser.RegistryPlace#pullCommand}). */
    public String pullByTagCommand() {
        return place.pullCommand(repository, requested).orElse("");
    }

    /** {@code host/repo@sha256:…}: the immutable reference; for a folder, the layout's path and the digest. */
    public String digestReference() {
        DetailsContent loaded = content.get();
        return loaded == null ? "" : place.repository(repository) + "@" + loaded.details().digest();
    }

    /** The reference shown in the summary: {@code host/repo:tag}, or for a folder the layout's path and tag. */
    public String reference(dev.berth.inspect.ImageDetails details) {
        if (!place.isFolder()) return details.reference();
        return place.repository(repository) + (Digest.isDigest(requested) ? "@" : ":") + requested;
    }

    public String digest() {
        DetailsContent loaded = content.get();
        return loaded == null ? "" : loaded.details().digest().toString();
    }

    static List<LayerRow> layerRows(ImageDetails details, Optional<RepositorySnapshot> snapshot) {
        List<LayerRow> rows = new ArrayList<>();
        int index = 1;
        for (Descriptor layer : details.layers()) {
            int shared = snapshot.map(s -> tagsUsing(s, layer.digest())).orElse(0);
            rows.add(new LayerRow(index++, layer.digest(), layer.size(), layer.mediaType().value(), shared));
        }
        return rows;
    }

    /** How many tags of the repository keep {@code blob} alive (directly or through an index). */
    static int tagsUsing(RepositorySnapshot snapshot, Digest blob) {
        int count = 0;
        for (TagInfo tag : snapshot.tags()) {
            ImageSummary image = snapshot.images().get(tag.digest());
            if (image != null && image.blobs().containsKey(blob)) count++;
        }
        return count;
    }

    static String pretty(byte[] raw) {
        try {
            return PRETTY.writeValueAsString(PRETTY.readTree(raw));
        } catch (IOException e) {
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
