package dev.berth.ui.app;

/**
 * Where the main window was when Berth last closed: its normal (not maximized) bounds, whether it
 * was maximized, and the tree's divider as a fraction of the width.
 */
public record WindowState(double x, double y, double width, double height, boolean maximized, double divider) {

    /** The tree takes about a third of the width. */
    public static final double DEFAULT_DIVIDER = 1.0 / 3;

    public WindowState {
        if (!(width > 0 && height > 0)) throw new IllegalArgumentException("a window needs a size, not " + width + "×" + height);
        if (!Double.isFinite(x) || !Double.isFinite(y)) throw new IllegalArgumentException("a window needs a position");
        if (!(divider > 0 && divider < 1)) throw new IllegalArgumentException("the divider is a fraction, not " + divider);
    }
}
