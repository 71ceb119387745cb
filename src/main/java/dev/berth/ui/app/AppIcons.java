package dev.berth.ui.app;

import java.net.URL;
import java.util.List;
import java.util.Objects;
import javafx.scene.image.Image;

/**
 * Berth's window icons, in the sizes the desktop picks from (title bar, task switcher, dock). The PNGs are
 * generated from icons/berth.svg and copied onto the class path by the build.
 */
final class AppIcons {

    static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    private AppIcons() {}

    static List<URL> resources() {
        return SIZES.stream()
                .map(size -> Objects.requireNonNull(AppIcons.class.getResource("icons/berth-" + size + ".png"),
                        "icon berth-" + size + ".png is missing from the build"))
                .toList();
    }

    /** Loaded in the background: the window shows before they are decoded. */
    static List<Image> images() {
        return resources().stream().map(url -> new Image(url.toExternalForm(), true)).toList();
    }
}
