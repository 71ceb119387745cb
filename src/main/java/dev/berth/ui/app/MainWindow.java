package dev.berth.ui.app;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Gives the main window its size, position, maximized state and tree divider from the last run
 * (or a sensible first size), and remembers them when the window closes.
 */
public final class MainWindow {

    private final Stage stage;
    private final WindowStateFile file;
    /** The bounds while not maximized: a maximized stage reports the screen's. */
    private Rectangle2D normal;
    /** Where the window was put when it opened. */
    private WindowState placed;
    private int startAsks;
    private final javafx.beans.value.ChangeListener<Number> startResize = (obs, old, size) -> resizedAtStart();
    /** Where the divider was left; saved as it is should the window close before the main view is built. */
    private double dividerPosition;
    private SplitPane.Divider divider;

    private MainWindow(Stage stage, WindowStateFile file) {
        this.stage = stage;
        this.file = file;
    }

    /**
     * Places {@code stage} (before it is shown) and saves its state when it hides. Reading the small
     * file happens here, on the FX thread, once, before the window exists. The window is shown before
     * its main view is built (see {@link StartSequence}): the tree's divider comes with {@link #attach}.
     */
    public static MainWindow restore(Stage stage, WindowStateFile file) {
        MainWindow window = new MainWindow(stage, file);
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        window.placed = WindowPlacement.place(file.load(), Screen.getPrimary().getVisualBounds(), screens);
        window.apply(window.placed);
        // Under a window manager (openbox at least) GTK maps the window at its 200×200 default and the size
        // asked before showing is lost: ask again once it is on screen. The window manager's resize can also come
        // after that (the first scene is light, so the window is shown early): until the main view is in (attach),
        // a size other than the placed one is that resize, and the placed size is asked again, a few times at most.
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> javafx.application.Platform.runLater(window::reassert));
        stage.widthProperty().addListener(window.startResize);
        stage.heightProperty().addListener(window.startResize);
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> window.saveInBackground());
        return window;
    }

    private void apply(WindowState state) {
        stage.setX(state.x());
        stage.setY(state.y());
        stage.setWidth(state.width());
        stage.setHeight(state.height());
        normal = new Rectangle2D(state.x(), state.y(), state.width(), state.height());
        stage.setMaximized(state.maximized());
        dividerPosition = state.divider();
        Runnable track = () -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0 && stage.getHeight() > 0) {
                normal = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
        };
        stage.xProperty().addListener((obs, old, value) -> track.run());
        stage.yProperty().addListener((obs, old, value) -> track.run());
        stage.widthProperty().addListener((obs, old, value) -> track.run());
        stage.heightProperty().addListener((obs, old, value) -> track.run());
    }

    private void reassert() {
        if (placed.maximized()) {
            stage.setMaximized(true);
            return;
        }
        if (differsFromPlaced()) {
            stage.setWidth(placed.width());
            stage.setHeight(placed.height());
            stage.setX(placed.x());
            stage.setY(placed.y());
        }
    }

    /** Before the main view is in: the window manager's resize to GTK's default (see {@link #restore}). */
    private void resizedAtStart() {
        if (stage.isShowing() && startAsks < 3 && differsFromPlaced()) {
            startAsks++;
            javafx.application.Platform.runLater(this::reassert);
        }
    }

    private boolean differsFromPlaced() {
        return !placed.maximized() && (Math.abs(stage.getWidth() - placed.width()) > 1 || Math.abs(stage.getHeight() - placed.height()) > 1);
    }

    /** The tree's divider, once the main view exists: put where it was left, and remembered from now on. */
    public void attach(SplitPane.Divider treeDivider) {
        divider = treeDivider;
        divider.setPosition(dividerPosition);
        // From now on a size change is the user's.
        stage.widthProperty().removeListener(startResize);
        stage.heightProperty().removeListener(startResize);
    }

    /** What would be saved now. */
    public WindowState current() {
        double position = divider == null ? dividerPosition : divider.getPosition();
        return new WindowState(normal.getMinX(), normal.getMinY(), normal.getWidth(), normal.getHeight(), stage.isMaximized(),
                position > 0 && position < 1 ? position : WindowState.DEFAULT_DIVIDER);
    }

    /** The write is small but still file I/O: it runs on a (non-daemon) thread of its own so the JVM waits for it. */
    private void saveInBackground() {
        WindowState state = current();
        SettingsWrite.inBackground("the window's size", file.path(), () -> file.save(state));
    }
}
