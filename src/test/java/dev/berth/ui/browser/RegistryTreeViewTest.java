package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClients;
import dev.berth.ui.FxWatchdog;
import dev.berth.ui.Screenshots;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.SyncUiExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The tree alone, with many repositories: folders, filtering, and 100,000 nodes staying cheap. */
@ExtendWith(ApplicationExtension.class)
class RegistryTreeViewTest {

    private BrowserViewModel viewModel;
    private RegistryTreeView view;
    private RegistryNode registry;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        viewModel = new BrowserViewModel(new SyncUiExecutor(), Notifier.NONE, dev.berth.browse.CatalogLoader.Options.defaults());
        view = new RegistryTreeView(viewModel);
        // A registry nobody answers on: the probe fails at once and the test fills the catalog itself.
        registry = viewModel.addRegistry("id", "big", "127.0.0.1:1",
                new RegistryClients().connect(ConnectionSettings.of("127.0.0.1:1").withPlainHttp(true, false)));
        scene = new Scene(view, 420, 700);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void filterKeepsTheRegistryAndShowsOnlyMatchingRepositoriesInTheirFolders() throws Exception {
        List<TreeItem<Object>> before = rows();
        fx(() -> registry.addRepositories(List.of("infra/dns", "infra/metrics/exporter", "infra/proxy", "team/app", "web/frontend")));
        rebuiltSince(before);
        assertEquals(1, fx(() -> view.tree().getRoot().getChildren().size()));
        assertEquals(List.of("infra", "team", "web"), fx(() -> labels(view.tree().getRoot().getChildren().getFirst())));

        before = rows();
        fx(() -> viewModel.filterProperty().set("infra"));
        rebuiltSince(before);

        TreeItem<Object> registryItem = fx(() -> view.tree().getRoot().getChildren().getFirst());
        assertEquals(1, fx(() -> view.tree().getRoot().getChildren().size()), "the registry stays in the tree while filtering");
        assertEquals(List.of("infra"), fx(() -> labels(registryItem)));
        TreeItem<Object> infra = fx(() -> registryItem.getChildren().getFirst());
        assertTrue(fx(infra::isExpanded));
        assertEquals(List.of("metrics", "dns", "proxy"), fx(() -> labels(infra)));
        Screenshots.take(scene, "tree-filtered");

        before = rows();
        fx(() -> viewModel.filterProperty().set(""));
        rebuiltSince(before);
        assertEquals(List.of("infra", "team", "web"), fx(() -> labels(view.tree().getRoot().getChildren().getFirst())));
    }

    @Test
    void aTagSelectedWhileTheCatalogStillArrivesKeepsItsRepositoryShown() throws Exception {
        List<TreeItem<Object>> before = rows();
        fx(() -> registry.addRepositories(List.of("team/api", "team/web")));
        rebuiltSince(before);
        // A remembered selection comes back as soon as its repository is there: more of the catalog may still follow.
        RepositoryNode api = fx(() -> registry.repository("team/api").orElseThrow());
        fx(() -> viewModel.select(Selection.of(api, "1.0")));
        before = rows();
        fx(() -> registry.addRepositories(List.of("team/worker")));
        rebuiltSince(before);

        TreeItem<Object> selected = fx(() -> view.tree().getSelectionModel().getSelectedItem());
        assertEquals(api, selected == null ? null : selected.getValue(), "the rebuild closed the folder of the selected tag's repository");
        assertTrue(fx(() -> selected.getParent().isExpanded()));
        assertEquals(Selection.of(api, "1.0"), fx(() -> viewModel.selectionProperty().get()), "the tag stays selected, not its repository");
    }

    @Test
    void aHundredThousandRepositoriesFillAndFilterWithoutStallingTheFxThread() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) names.add(String.format("ns%03d/repo%05d", i % 500, i));
        names.sort(String::compareTo);
        FxWatchdog watchdog = new FxWatchdog();
        for (int page = 0; page < names.size(); page += 1000) {
            List<String> batch = names.subList(page, page + 1000);
            fxTimed(watchdog, "catalog page", () -> registry.addRepositories(batch));
        }
        // The debounced rebuild may come before or after the timed one: both give the same rows, read on the FX thread.
        fxTimed(watchdog, "tree rebuild of 100,000", view::rebuildAll);
        assertEquals(500, fx(() -> view.tree().getRoot().getChildren().getFirst().getChildren().size()), "one lazy folder per namespace");
        fxTimed(watchdog, "filter", () -> {
            viewModel.filterProperty().set("repo0999");
            view.rebuildAll();
        });
        assertEquals(10, fx(() -> countRepositories(view.tree().getRoot().getChildren().getFirst())));
        Screenshots.take(scene, "tree-100k-filtered");
        watchdog.assertWithinBudget();
    }

    private static int countRepositories(TreeItem<Object> item) {
        int count = item.getValue() instanceof RepositoryNode ? 1 : 0;
        if (!(item.getValue() instanceof RepositoryNode)) for (TreeItem<Object> child : item.getChildren()) count += countRepositories(child);
        return count;
    }

    private static List<String> labels(TreeItem<Object> item) {
        return item.getChildren().stream().map(c -> switch (c.getValue()) {
            case BrowserTreeItems.Folder f -> f.label();
            case RepositoryNode r -> r.shortName();
            default -> String.valueOf(c.getValue());
        }).toList();
    }

    private static void fx(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> value) throws Exception {
        return WaitForAsyncUtils.asyncFx(value).get(10, TimeUnit.SECONDS);
    }

    private static void fxTimed(FxWatchdog watchdog, String what, Runnable action) throws Exception {
        // CPU time of the FX thread: what our code costs, not how busy the rest of the machine is.
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        WaitForAsyncUtils.asyncFx(() -> {
            long start = cpu.getCurrentThreadCpuTime();
            action.run();
            watchdog.ran(what, java.time.Duration.ofNanos(cpu.getCurrentThreadCpuTime() - start));
        }).get(10, TimeUnit.SECONDS);
    }

    /** The registry's rows as they are now: a rebuild replaces them with new items. */
    private List<TreeItem<Object>> rows() throws Exception {
        return fx(() -> List.copyOf(view.tree().getRoot().getChildren().getFirst().getChildren()));
    }

    /**
     * Waits for the rebuild that a change schedules 120 ms after it (debounced; later on a loaded machine, so
     * waited for rather than slept through): the registry's rows are no longer {@code before}.
     */
    private void rebuiltSince(List<TreeItem<Object>> before) throws Exception {
        new dev.berth.ui.FxWaits(scene, "tree", 20).waitUntil(() -> !view.tree().getRoot().getChildren().getFirst().getChildren().equals(before));
    }
}
