package dev.berth.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ui.app.WindowPlacement;
import dev.berth.ui.app.WindowState;
import dev.berth.ui.app.WindowStateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the main window opens, and the small file that remembers it. */
class WindowPlacementTest {

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1366, 740);   // 768 minus a 28 px panel
    private static final Rectangle2D RIGHT = new Rectangle2D(1366, 0, 1920, 1050);

    @TempDir
    Path dir;

    @Test
    void firstStartIs1280By800ClampedToTheScreenAndCentered() {
        WindowState first = WindowPlacement.place(Optional.empty(), LAPTOP, List.of(LAPTOP));
        assertEquals(new WindowState(43, 0, 1280, 740, false, WindowState.DEFAULT_DIVIDER), first);
        WindowState big = WindowPlacement.place(Optional.empty(), RIGHT, List.of(RIGHT));
        assertEquals(new WindowState(1366 + 320, 125, 1280, 800, false, WindowState.DEFAULT_DIVIDER), big);
        assertEquals(1.0 / 3, WindowState.DEFAULT_DIVIDER, 0.001, "the tree takes a third of the width");
    }

    @Test
    void aSavedPlaceOnAScreenIsKeptAndOneOffEveryScreenFallsBackToCentered() {
        WindowState onRight = new WindowState(1500, 100, 1000, 700, true, 0.25);
        assertEquals(onRight, WindowPlacement.place(Optional.of(onRight), LAPTOP, List.of(LAPTOP, RIGHT)));

        WindowState monitorGone = WindowPlacement.place(Optional.of(onRight), LAPTOP, List.of(LAPTOP));
        assertEquals(new WindowState(183, 20, 1000, 700, true, 0.25), monitorGone, "centered, size and divider kept");

        WindowState hangingOff = new WindowState(1100, -10, 900, 600, false, 0.3);
        WindowState pulledIn = WindowPlacement.place(Optional.of(hangingOff), LAPTOP, List.of(LAPTOP));
        assertEquals(new WindowState(1366 - 900, 0, 900, 600, false, 0.3), pulledIn, "reachable but half off: pulled onto the screen");
    }

    @Test
    void theFileRoundTripsIsWrittenAtomicallyAndADamagedOneIsIgnored() throws Exception {
        WindowStateFile file = new WindowStateFile(dir.resolve("config").resolve(WindowStateFile.NAME));
        assertEquals(Optional.empty(), file.load());
        WindowState state = new WindowState(10, 20, 1100, 700, true, 0.4);
        file.save(state);
        assertEquals(Optional.of(state), file.load());
        try (var left = Files.list(dir.resolve("config"))) {
            assertEquals(List.of(WindowStateFile.NAME), left.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }

        for (String damaged : List.of("{\"x\": 1, \"y\"", "[]", "{\"x\":0,\"y\":0,\"width\":-5,\"height\":10,\"divider\":0.3}",
                "{\"x\":0,\"y\":0,\"width\":800,\"height\":600,\"divider\":7}")) {
            Files.writeString(file.path(), damaged);
            assertEquals(Optional.empty(), file.load(), damaged);
        }
        assertTrue(Files.exists(file.path()), "a damaged file is left for the next save to replace");
    }
}
