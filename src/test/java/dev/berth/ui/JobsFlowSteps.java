package dev.berth.ui;

import dev.berth.ui.browser.Selection;
import dev.berth.engine.EngineLocator;
import dev.berth.jobs.JobService;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistryServer;
import dev.berth.ui.app.AppServices;
import dev.berth.ui.app.MainView;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.ui.jobs.JobNotice;
import dev.berth.ui.jobs.JobsView;
import dev.berth.ui.jobs.TransferDialogs;
import dev.berth.ui.app.MainViewModel;
import dev.berth.ui.browser.LoadState;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.browser.RepositoryNode;
import dev.berth.ui.browser.TagRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** What the transfer flows do in the window: connect a registry, open a repository, pick a tag, fire a menu item, wait for jobs. */
record JobsFlowSteps(Scene scene, MainViewModel main, AppServices services) {

    /**
     * Shows the app's window with the jobs panel docked, at 1280×800 in the light theme; its
     * services run on {@code executor} with scripted transfer answers and {@code engines} as the
     * local engine, and keep their state in {@code work}.
     */
    static JobsFlowSteps show(Stage stage, FxUiExecutor executor, ActivityMonitor activity, Path work, JobService jobService,
            TransferDialogs transfers, JobNotice.Sink notices, EngineLocator engines) {
        AppServices services = new AppServices(executor, activity, new ScriptedDialogs(), TestConnections.inMemory(work.resolve("config-" + System.nanoTime())),
                dev.berth.browse.SummaryCache.inMemory(), new dev.berth.cleanup.Journal(work.resolve("journal-" + System.nanoTime())),
                jobService, transfers, notices, engines, work.resolve("scratch"));
        MainView view = new MainView(services.main(), activity, services.notifications());
        view.dockJobs(new JobsView(services.jobs()), services.transfers());
        Scene scene = new Scene(view, 1280, 800);
        MainWindowFlowTest.Application.theme(MainViewModel.Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
        return new JobsFlowSteps(scene, services.main(), services);
    }

    RegistryNode connect(String name, RegistryServer server) throws Exception {
        RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(server.hostPort()).withPlainHttp(true, false));
        RegistryNode node = onFx(() -> main.addConnected(name, server.hostPort(), client));
        waitUntil(() -> node.stateProperty().get() == LoadState.LOADED);
        return node;
    }

    RepositoryNode openRepository(RegistryNode node, String name) throws Exception {
        RepositoryNode repository = waitFor(() -> node.repository(name).orElse(null));
        MainWindowFlowTest.runFx(() -> main.browser().select(Selection.of(repository)));
        waitUntil(() -> main.paneProperty().get() == MainViewModel.Pane.REPOSITORY && !main.repository().rows().isEmpty()
                && !main.repository().loadingProperty().get());
        return repository;
    }

    void selectTag(String tag) {
        MainWindowFlowTest.runFx(() -> {
            @SuppressWarnings("unchecked") TableView<TagRow> table = (TableView<TagRow>) scene.lookup("#tag-table");
            table.getItems().stream().filter(r -> r.tag().equals(tag)).findFirst().ifPresent(r -> table.getSelectionModel().select(r));
        });
    }

    /** Fires a menu item of a menu button, as a click on it would. */
    void fire(String menuButton, String itemId) {
        MainWindowFlowTest.runFx(() -> {
            MenuButton button = (MenuButton) scene.lookup(menuButton);
            find(button.getItems(), itemId).orElseThrow(() -> new AssertionError("no menu item " + itemId)).fire();
        });
    }

    private static Optional<MenuItem> find(List<MenuItem> items, String id) {
        for (MenuItem item : items) {
            if (id.equals(item.getId())) return Optional.of(item);
            if (item instanceof Menu menu) {
                Optional<MenuItem> inside = find(menu.getItems(), id);
                if (inside.isPresent()) return inside;
            }
        }
        return Optional.empty();
    }

    <T> T waitFor(Callable<T> value) throws Exception {
        Object[] holder = new Object[1];
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> (holder[0] = onFx(value)) != null);
        @SuppressWarnings("unchecked") T result = (T) holder[0];
        return result;
    }

    /** Waits up to a minute (a podman load on a busy machine is slow); a timeout leaves a screenshot and lists the jobs. */
    void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(onFx(condition)));
        } catch (java.util.concurrent.TimeoutException e) {
            Path shot = Screenshots.take(scene, "timeout-jobs-" + System.nanoTime());
            throw new AssertionError("condition not met within 60 s; see " + shot + "; jobs: " + onFx(() -> services.jobs().rows().stream()
                    .map(r -> r.titleProperty().get() + " " + r.stateProperty().get() + " " + r.detailProperty().get()).toList()), e);
        }
    }

    /** The node {@code query} finds once it is on screen and laid out (see {@link FxWaits#shown}). */
    <T extends javafx.scene.Node> T shown(String query) throws Exception {
        return new FxWaits(scene, "jobs", 60).shown(query);
    }

    static <T> T onFx(Callable<T> value) throws Exception {
        return WaitForAsyncUtils.asyncFx(value).get(10, TimeUnit.SECONDS);
    }
}
