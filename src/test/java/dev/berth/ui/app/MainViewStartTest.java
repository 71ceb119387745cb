package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.browse.SummaryCache;
import dev.berth.cleanup.Journal;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.TestConnections;
import dev.berth.ui.common.ActivityMonitor;
import dev.berth.ui.common.FxUiExecutor;
import dev.berth.ui.jobs.JobsView;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main view as the first window gets it: only what it shows is built; the rest comes when first opened. */
@ExtendWith(ApplicationExtension.class)
class MainViewStartTest {

    @TempDir
    static Path work;

    private FxUiExecutor executor;
    private MainView view;
    private AppServices services;

    @Start
    void start(Stage stage) {
        ActivityMonitor activity = new ActivityMonitor();
        executor = new FxUiExecutor(activity);
        services = new AppServices(executor, activity, new ScriptedDialogs(), TestConnections.inMemory(work.resolve("config")),
                SummaryCache.inMemory(), new Journal(work.resolve("journal")));
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
        services.main().themeProperty().set(MainViewModel.Theme.DARK); // as the app sets the first theme, before the view
        view = new MainView(services.main(), activity, services.notifications());
        view.dockJobs(new JobsView(services.jobs()), services.transfers());
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        executor.close();
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()))
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void thePanesTheFirstWindowDoesNotShowAreNotBuiltAndTheJobsListComesWhenThePanelOpens(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        for (MainViewModel.Pane pane : EnumSet.complementOf(EnumSet.of(MainViewModel.Pane.WELCOME, MainViewModel.Pane.EMPTY))) {
            assertFalse(WaitForAsyncUtils.asyncFx(() -> view.hasBuilt(pane)).get(5, TimeUnit.SECONDS), pane + " was built with the window");
        }
        assertTrue(robot.lookup("#welcome").tryQuery().isPresent() || robot.lookup("#main").tryQuery().isPresent());
        assertFalse(robot.lookup("#jobs-rows").tryQuery().isPresent(), "the jobs list was built with the window");

        WaitForAsyncUtils.asyncFx(() -> services.jobs().expandedProperty().set(true)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#jobs-rows").tryQuery().isPresent());
        WaitForAsyncUtils.asyncFx(() -> services.jobs().expandedProperty().set(false)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> services.jobs().expandedProperty().set(true)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, robot.lookup("#jobs-rows").queryAll().size(), "opened again, the same list, not a second one");
    }

    @Test
    void aDarkFirstThemeShowsTheLightSwitchOnTheToolbarFromTheStart(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#theme").tryQuery().isPresent());
        Button theme = robot.lookup("#theme").queryAs(Button.class);
        assertEquals(Feather.SUN, WaitForAsyncUtils.asyncFx(() -> ((FontIcon) theme.getGraphic()).getIconCode()).get(5, TimeUnit.SECONDS),
                "in dark mode the button offers light");
    }
}
