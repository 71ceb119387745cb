package dev.berth.ui.app;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;

/**
 * Where the main window opens: where it was, if that is still on a screen, else 1280×800 (clamped
 * to the screen's usable area) in the middle of the primary screen. Pure: the screens are passed in.
 */
public final class WindowPlacement {

    static final double FIRST_WIDTH = 1280;
    static final double FIRST_HEIGHT = 800;
    /** How much of the title bar must be on a screen for the window to count as reachable there. */
    private static final double GRIP_WIDTH = 120;
    private static final double GRIP_HEIGHT = 40;

    private WindowPlacement() {}

    /**
     * @param primary the primary screen's visual bounds (without task bars and docks)
     * @param screens every screen's visual bounds
     */
    public static WindowState place(Optional<WindowState> saved, Rectangle2D primary, List<Rectangle2D> screens) {
        if (saved.isPresent()) {
            WindowState was = saved.get();
            Optional<Rectangle2D> screen = screens.stream().filter(s -> reachable(was, s)).findFirst();
            if (screen.isPresent()) {
                Rectangle2D on = screen.get();
                double width = Math.min(was.width(), on.getWidth());
                double height = Math.min(was.height(), on.getHeight());
                // keep it where it was, but pulled fully onto the screen it was reachable on
                double x = clamp(was.x(), on.getMinX(), on.getMaxX() - width);
                double y = clamp(was.y(), on.getMinY(), on.getMaxY() - height);
                return new WindowState(x, y, width, height, was.maximized(), was.divider());
            }
            return centered(primary, was.width(), was.height(), was.maximized(), was.divider());
        }
        return centered(primary, FIRST_WIDTH, FIRST_HEIGHT, false, WindowState.DEFAULT_DIVIDER);
    }

    private static WindowState centered(Rectangle2D screen, double wantedWidth, double wantedHeight, boolean maximized, double divider) {
        double width = Math.min(wantedWidth, screen.getWidth());
        double height = Math.min(wantedHeight, screen.getHeight());
        return new WindowState(screen.getMinX() + (screen.getWidth() - width) / 2, screen.getMinY() + (screen.getHeight() - height) / 2,
                width, height, maximized, divider);
    }

    /** True when enough of the window's top edge lies on {@code screen} to grab and move it. */
    private static boolean reachable(WindowState window, Rectangle2D screen) {
        Rectangle2D titleBar = new Rectangle2D(window.x(), window.y(), window.width(), GRIP_HEIGHT);
        if (!titleBar.intersects(screen)) return false;
        double visibleWidth = Math.min(titleBar.getMaxX(), screen.getMaxX()) - Math.max(titleBar.getMinX(), screen.getMinX());
        double visibleHeight = Math.min(titleBar.getMaxY(), screen.getMaxY()) - Math.max(titleBar.getMinY(), screen.getMinY());
        return visibleWidth >= Math.min(GRIP_WIDTH, window.width()) && visibleHeight >= GRIP_HEIGHT / 2;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(value, Math.max(min, max)));
    }
}
