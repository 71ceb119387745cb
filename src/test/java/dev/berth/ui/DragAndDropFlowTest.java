package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.EngineLocator;
import dev.berth.jobs.JobHistory;
import dev.berth.jobs.JobService;
import dev.berth.jobs.JobState;
import dev.berth.jobs.PlaceKind;
import dev.berth.store.OciArchive;
import dev.berth.store.ImageDestination;
import dev.berth.store.RegistryStore;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestImages;
import dev.berth.transfer.CopyOptions;
import dev.berth.transfer.ImageCopier;
import dev.berth.ui.app.AppServices;
import dev.berth.ui.app.MainView;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.TagRow;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.ui.jobs.TransferDialogs;
import dev.berth.work.CancelSignal;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TreeCell;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Drag and drop in the real window, against real registries, with the mouse (Monocle drives the
 * gesture): a tag row dropped on another registry copies it there, a tag of the tree dropped on
 * its own repository retags it, and an image archive dropped on the window is pushed. Each writes
 * screenshots, one while the drag hovers.
 */
@ExtendWith(ApplicationExtension.class)
class DragAndDropFlowTest {

    @TempDir
    static Path work;

    @TempDir
    Path temp;

    private static final EngineLocator NO_ENGINE = new EngineLocator(Map.of("DOCKER_HOST", "unix:///nonexistent/berth-test.sock"));

    private static RegistryServer source;
    private static RegistryServer target;
    private static TestImages.Image image;

    private final FxWatchdog watchdog = new FxWatchdog();
    private final ScriptedTransferDialogs transfers = new ScriptedTransferDialogs();
    private Scene scene;
    private FxUiExecutor executor;
    private JobService jobService;
    private AppServices services;
    private JobsFlowSteps steps;

    @BeforeAll
    static void seed() {
        source = RegistryServer.builder(work.resolve("source")).start();
        target = RegistryServer.builder(work.resolve("target")).start();
        image = RegistrySeeder.of(source).pushImage("team/app", "1.0", TestImages.image().seed(43).layerSizes(300_000, 20_000).build());
    }

    @AfterAll
    static void stop() {
        source.close();
        target.close();
    }

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity, watchdog);
        jobService = new JobService(JobService.DEFAULT_RUNNING, JobHistory.inMemory(), Clock.systemUTC());
        steps = JobsFlowSteps.show(stage, executor, activity, work, jobService, transfers, notice -> {}, NO_ENGINE);
        scene = steps.scene();
        services = steps.services();
        ((MainView) scene.getRoot()).acceptFileDrops(services.fileOpener());
    }

    @AfterEach
    void close() {
        jobService.close();
        executor.close();
    }

    @Test
    void aTagRowDroppedOnAnotherRegistryIsCopiedThereUnderItsOwnName(FxRobot robot) throws Exception {
        RegistryNode from = steps.connect("source", source);
        RegistryNode to = steps.connect("target", target);
        steps.openRepository(from, "team/app");
        AtomicReference<TransferDialogs.CopyTargetForm> asked = new AtomicReference<>();
        transfers.answerCopyTarget(form -> {
            asked.set(form);
            return new TransferDialogs.CopyTarget(form.initial(), List.of(), false);
        });

        Node row = tableRow("1.0");
        Node registry = treeCell(to);
        robot.drag(row).moveTo(registry);
        // The registry is marked as a place to drop on (the drag-over events come through the FX queue: waited for).
        steps.waitUntil(() -> registry.getPseudoClassStates().contains(PseudoClass.getPseudoClass("tag-drop")));
        Screenshots.take(scene, "dnd-01-tag-over-a-registry");
        robot.drop();

        steps.waitUntil(() -> services.jobs().rows().size() == 1 && services.jobs().rows().getFirst().stateProperty().get() == JobState.DONE);
        Screenshots.take(scene, "dnd-02-copied-by-drag-and-drop");
        assertEquals(new TransferDialogs.Destination(to.id(), "team/app", "1.0"), asked.get().initial(), "that registry, the same repository and tag");
        assertTrue(transfers.asked.getFirst().startsWith("copy: Copy team/app:1.0"), transfers.asked.toString());
        assertEquals(image.digest(), TestImages.Content.of(image.mediaType(), RegistrySeeder.of(target).getManifest("team/app", "1.0")).digest());
        assertTrue(JobsFlowSteps.onFx(() -> !registry.getPseudoClassStates().contains(PseudoClass.getPseudoClass("tag-drop"))), "unmarked after the drop");
        watchdog.assertNoStall();
    }

    @Test
    void aTagOfTheTreeDroppedOnItsOwnRepositoryIsRetagged(FxRobot robot) throws Exception {
        RegistryNode from = steps.connect("source", source);
        RepositoryNode app = steps.openRepository(from, "team/app");
        transfers.answerTag("1.0-dragged");

        try {
            Node leaf = treeCellShowing(app, "1.0");
            javafx.geometry.Point2D start = JobsFlowSteps.onFx(() -> center(leaf));
            Node repository = treeCell(app);
            javafx.geometry.Point2D to = JobsFlowSteps.onFx(() -> center(repository));
            robot.drag(start, javafx.scene.input.MouseButton.PRIMARY).dropTo(to);
        } catch (java.util.concurrent.TimeoutException e) {
            Screenshots.take(scene, "dnd-debug");
            throw new AssertionError(JobsFlowSteps.onFx(() -> {
                javafx.scene.control.TreeView<?> tree = (javafx.scene.control.TreeView<?>) scene.lookup("#tree");
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < tree.getExpandedItemCount(); i++) b.append(tree.getTreeItem(i).getValue()).append(" ").append(tree.getTreeItem(i).isExpanded()).append(" | ");
                return b.toString();
            }), e);
        }

        steps.waitUntil(() -> services.jobs().rows().size() == 1 && services.jobs().rows().getFirst().stateProperty().get() == JobState.DONE);
        Screenshots.take(scene, "dnd-03-retagged-on-its-own-repository");
        assertEquals(List.of("tag: Retag team/app:1.0 [1.0]"), transfers.asked);
        assertEquals(image.digest(), TestImages.Content.of(image.mediaType(), RegistrySeeder.of(source).getManifest("team/app", "1.0-dragged")).digest());
        watchdog.assertNoStall();
    }

    @Test
    void anImageArchiveDroppedOnTheWindowOpensPushWithIt(FxRobot robot) throws Exception {
        RegistryNode from = steps.connect("source", source);
        RegistryNode to = steps.connect("target", target);
        Path archive = temp.resolve("downloaded image");  // no .tar: told from its content
        try (ImageDestination out = OciArchive.create(archive)) {
            new ImageCopier(temp).copy(new RegistryStore(from.client(), "team/app"), "1.0", out, Optional.of("1.0"),
                    CopyOptions.defaults(), CancelSignal.none(), dev.berth.work.Progress.none());
        }
        AtomicReference<TransferDialogs.PushForm> asked = new AtomicReference<>();
        transfers.answerPush(form -> {
            asked.set(form);
            TransferDialogs.LocalFile file = form.initialSource().orElseThrow();
            return new TransferDialogs.PushChoice(file.kind(), file.path(), "", new TransferDialogs.Destination(to.id(), "dropped/app", "v1"));
        });
        Label desktop = fileSource(archive);

        robot.drag(desktop).moveTo("#tree");
        // The window is marked while a file hovers (the drag-over events come through the FX queue: waited for).
        steps.waitUntil(() -> scene.getRoot().getPseudoClassStates().contains(PseudoClass.getPseudoClass("file-drop")));
        Screenshots.take(scene, "dnd-04-archive-over-the-window");
        robot.drop();

        steps.waitUntil(() -> services.jobs().rows().size() == 1 && services.jobs().rows().getFirst().stateProperty().get() == JobState.DONE);
        Screenshots.take(scene, "dnd-05-pushed-a-dropped-archive");
        assertEquals(Optional.of(new TransferDialogs.LocalFile(PlaceKind.OCI_ARCHIVE, archive)), asked.get().initialSource());
        assertEquals(image.digest(), TestImages.Content.of(image.mediaType(), RegistrySeeder.of(target).getManifest("dropped/app", "v1")).digest());
        watchdog.assertNoStall();
    }

    @Test
    void aFileBerthCannotOpenIsAnsweredWithWhatItAccepts(FxRobot robot) throws Exception {
        Path notes = java.nio.file.Files.writeString(temp.resolve("notes.txt"), "hello");

        robot.drag(fileSource(notes)).dropTo("#tree");

        atlantafx.base.controls.Message notice = steps.waitFor(() -> robot.lookup("#notifications .message")
                .tryQueryAs(atlantafx.base.controls.Message.class).orElse(null));
        Screenshots.take(scene, "dnd-06-not-an-image");
        assertTrue(JobsFlowSteps.onFx(notice::getDescription).contains("OCI layout folders"), JobsFlowSteps.onFx(notice::getDescription));
        assertTrue(transfers.asked.isEmpty());
    }

    /** Stands in for the desktop's file manager: a label in the window that drags {@code file} as a desktop drag would. */
    private Label fileSource(Path file) throws Exception {
        return JobsFlowSteps.onFx(() -> {
            Label label = new Label("File manager: " + file.getFileName());
            label.setId("test-file-source");
            label.setStyle("-fx-background-color: -color-bg-subtle; -fx-padding: 12;");
            label.setOnDragDetected(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putFiles(List.of(new File(file.toString())));
                label.startDragAndDrop(TransferMode.COPY).setContent(content);
                e.consume();
            });
            StackPane.setAlignment(label, Pos.BOTTOM_RIGHT);
            label.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
            ((StackPane) scene.getRoot()).getChildren().add(label);
            FxWaits.layOutNow(scene); // placed and sized now: the drag starts from its centre, not from where a new node sits unlaid
            return label;
        });
    }

    private Node tableRow(String tag) throws Exception {
        return steps.waitFor(() -> scene.getRoot().lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof TableRow<?> row && shown(row) && row.getItem() instanceof TagRow r && r.tag().equals(tag)).findFirst().orElse(null));
    }

    private Node treeCell(Object value) throws Exception {
        return steps.waitFor(() -> rowCell(v -> v == value));
    }

    /** The tree leaf of {@code tag}, its repository expanded (again, should a catalog update have rebuilt the tree). */
    private Node treeCellShowing(RepositoryNode repository, String tag) throws Exception {
        return steps.waitFor(() -> {
            expand(repository);
            ((javafx.scene.Parent) scene.getRoot()).layout();
            return rowCell(v -> v != null && v.getClass().getSimpleName().equals("TagLeaf") && v.toString().contains("tag=" + tag + "]"));
        });
    }

    /** The cell on screen for the tree's row whose value matches: found by row index, as the flow also keeps cells off screen. */
    private Node rowCell(java.util.function.Predicate<Object> value) {
        javafx.scene.control.TreeView<?> tree = (javafx.scene.control.TreeView<?>) scene.lookup("#tree");
        int row = -1;
        for (int i = 0; i < tree.getExpandedItemCount() && row < 0; i++) if (value.test(tree.getTreeItem(i).getValue())) row = i;
        int wanted = row;
        return wanted < 0 ? null : tree.lookupAll(".tree-cell").stream()
                .filter(n -> n instanceof TreeCell<?> cell && shown(cell) && cell.getIndex() == wanted).findFirst().orElse(null);
    }

    private static javafx.geometry.Point2D center(Node node) {
        javafx.geometry.Bounds bounds = node.localToScreen(node.getBoundsInLocal());
        return new javafx.geometry.Point2D(bounds.getCenterX(), bounds.getCenterY());
    }

    /** On screen: the flow keeps hidden cells (a pile, one for measuring) that hold items too. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) if (!n.isVisible()) return false;
        return true;
    }

    private void expand(RepositoryNode repository) {
        javafx.scene.control.TreeView<?> tree = (javafx.scene.control.TreeView<?>) scene.lookup("#tree");
        // The registry holds one repository: opening every row on the way opens its folders and itself.
        for (int i = 0; i < tree.getExpandedItemCount(); i++) {
            javafx.scene.control.TreeItem<?> item = tree.getTreeItem(i);
            if (item != null && !item.isLeaf()) item.setExpanded(true);
        }
    }
}
