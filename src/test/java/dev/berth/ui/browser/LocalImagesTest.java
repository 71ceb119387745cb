package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.CatalogLoader;
import dev.berth.engine.LocalImage;
import dev.berth.ui.common.SyncUiExecutor;
import dev.berth.ui.common.UserMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The "Local images" node: listed like repositories, present only while an engine answers, and quiet when none does. */
class LocalImagesTest {

    private static final LocalImage APP = image("sha256:" + "a".repeat(64), "localhost:5000/team/app:1.10", "localhost:5000/team/app:1.9");
    private static final LocalImage ALPINE = image("sha256:" + "b".repeat(64), "alpine:3.20");
    private static final LocalImage DANGLING = image("sha256:" + "c".repeat(64));

    private final AtomicReference<Object> answer = new AtomicReference<>(new BrowserViewModel.LocalEngine.Listing("podman at unix:///run/podman.sock",
            List.of(APP, ALPINE, DANGLING)));
    private final List<UserMessage> told = new ArrayList<>();
    private final BrowserViewModel browser = new BrowserViewModel(new SyncUiExecutor(), told::add, CatalogLoader.Options.defaults(),
            BrowserViewModel.ConnectionMemory.NONE, () -> {
                if (answer.get() instanceof IOException e) throw e;
                return (BrowserViewModel.LocalEngine.Listing) answer.get();
            });

    private static LocalImage image(String id, String... names) {
        return new LocalImage(id, List.of(names), List.of(), 1_000, Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void imagesAreListedByRepositoryWithTheirTagsInVersionOrderAndUntaggedLast() {
        List<LocalImagesNode.Group> groups = LocalImagesNode.grouped(List.of(APP, ALPINE, DANGLING));
        assertEquals(List.of("alpine", "localhost:5000/team/app", ""), groups.stream().map(LocalImagesNode.Group::repository).toList());
        assertEquals(List.of("1.9", "1.10"), groups.get(1).entries().stream().map(LocalImagesNode.Entry::label).toList());
        assertEquals("localhost:5000/team/app:1.10", groups.get(1).entries().get(1).name(), "a registry port is not taken for a tag");
        LocalImagesNode.Entry untagged = groups.get(2).entries().getFirst();
        assertEquals("cccccccccccc", untagged.label());
        assertEquals(DANGLING.id(), untagged.name(), "an untagged image is pushed or exported by its id");
    }

    @Test
    void anAnsweringEngineIsShownWithItsName() {
        browser.refreshLocalImages();
        LocalImagesNode node = browser.localImages();
        assertEquals(LoadState.LOADED, node.stateProperty().get());
        assertEquals("podman at unix:///run/podman.sock", node.engineProperty().get());
        assertEquals(3, node.imageCount());
        assertEquals("", node.absenceProperty().get());
    }

    @Test
    void noEngineIsNoErrorJustAQuietHintAndTheNodeGoes() {
        browser.refreshLocalImages();
        LocalImagesNode.Entry alpine = browser.localImages().groups().getFirst().entries().getFirst();
        browser.select(Selection.of(browser.localImages(), alpine));
        answer.set(new IOException("Nothing answers at unix:///var/run/docker.sock: start Docker or Podman."));

        browser.refreshLocalImages();

        assertEquals("", browser.localImages().engineProperty().get(), "the node is left out of the tree");
        assertTrue(browser.localImages().absenceProperty().get().contains("start Docker or Podman"));
        assertEquals(List.of(), told, "no notification");
        assertEquals(Selection.NONE, browser.selectionProperty().get());
    }

    @Test
    void anImageRemovedFromTheEngineLeavesTheNodeSelected() {
        browser.refreshLocalImages();
        LocalImagesNode.Entry dangling = browser.localImages().groups().getLast().entries().getFirst();
        browser.select(Selection.of(browser.localImages(), dangling));
        answer.set(new BrowserViewModel.LocalEngine.Listing("podman", List.of(APP, ALPINE)));

        browser.refreshLocalImages();

        assertEquals(Selection.of(browser.localImages()), browser.selectionProperty().get());
    }

    @Test
    void theBreadcrumbOfALocalImage() {
        browser.refreshLocalImages();
        LocalImagesNode.Entry app = browser.localImages().groups().get(1).entries().getFirst();
        List<Crumbs.Crumb> crumbs = Crumbs.of(Selection.of(browser.localImages(), app));
        assertEquals(List.of("Local images", "localhost:5000/team/app", "1.9"), crumbs.stream().map(Crumbs.Crumb::label).toList());
        assertEquals(Selection.of(browser.localImages()), crumbs.getFirst().target());
    }
}
