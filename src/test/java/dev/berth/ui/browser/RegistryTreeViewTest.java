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
        fx(() -> registry.addRepositories(List.of("infra/dns", "infra/metrics/exporter", "infra/proxy", "team/app", "web/frontend")));
        settle();
        assertEquals(1, view.tree().getRoot().getChildren().size());
        assertEquals(List.of("infra", "team", "web"), labels(view.tree().getRoot().getChildren().getFirst()));

        fx(() -> viewModel.filterProperty().set("infra"));
        settle();

        TreeItem<Object> registryItem = view.tree().getRoot().getChildren().getFirst();
        assertEquals(1, view.tree().getRoot().getChildren().size(), "the registry stays in the tree while filtering");
        assertEquals(List.of("infra"), labels(registryItem));
        TreeItem<Object> infra = registryItem.getChildren().getFirst();
        assertTrue(infra.isExpanded());
        assertEquals(List.of("metrics", "dns", "proxy"), labels(infra));
        Screenshots.take(scene, "tree-filtered");

        fx(() -> viewModel.filterProperty().set(""));
        settle();
        assertEquals(List.of("infra", "team", "web"), labels(view.tree().getRoot().getChildren().getFirst()));
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
        settle();
        fxTimed(watchdog, "tree rebuild of 100,000", view::rebuildAll);
        TreeItem<Object> registryItem = view.tree().getRoot().getChildren().getFirst();
        assertEquals(500, registryItem.getChildren().size(), "one lazy folder per namespace");
        fxTimed(watchdog, "filter", () -> {
            viewModel.filterProperty().set("repo0999");
            view.rebuildAll();
        });
        settle();
        assertEquals(10, countRepositories(view.tree().getRoot().getChildren().getFirst()));
        Screenshots.take(scene, "tree-100k-filtered");
        watchdog.assertNoStall();
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

    private static void fxTimed(FxWatchdog watchdog, String what, Runnable action) throws Exception {
        // CPU time of the FX thread: what our code costs, not how busy the rest of the machine is.
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        WaitForAsyncUtils.asyncFx(() -> {
            long start = cpu.getCurrentThreadCpuTime();
            action.run();
            watchdog.ran(what, java.time.Duration.ofNanos(cpu.getCurrentThreadCpuTime() - start));
        }).get(10, TimeUnit.SECONDS);
    }

    /** Lets the 120 ms rebuild debounce fire. */
    private static void settle() throws Exception {
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
