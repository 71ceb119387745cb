package dev.berth.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.ui.browser.SelectionPlace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastSelectionFileTest {

    @TempDir
    Path config;

    @Test
    void aPlaceSurvivesARoundTripAndNothingSelectedForgetsIt() throws Exception {
        LastSelectionFile file = new LastSelectionFile(config.resolve(LastSelectionFile.NAME));
        assertEquals(Optional.empty(), file.load(), "no file on a first start");

        SelectionPlace tag = new SelectionPlace("c-1", Optional.of("team/app"), Optional.of("1.0 = odd:#name"));
        file.save(Optional.of(tag));
        assertEquals(Optional.of(tag), file.load());
        SelectionPlace registry = new SelectionPlace("c-2", Optional.empty(), Optional.empty());
        file.save(Optional.of(registry));
        assertEquals(Optional.of(registry), file.load());

        file.save(Optional.empty());
        assertFalse(Files.exists(file.path()));
        assertEquals(Optional.empty(), file.load());
    }

    @Test
    void anUnreadableFileIsIgnored() throws Exception {
        LastSelectionFile file = new LastSelectionFile(config.resolve(LastSelectionFile.NAME));
        Files.writeString(file.path(), "tag=1.0\n");
        assertEquals(Optional.empty(), file.load(), "no connection");
        Files.writeString(file.path(), "connection=c-1\ntag=1.0\n");
        assertEquals(Optional.empty(), file.load(), "a tag without its repository");
        Files.createDirectories(config.resolve("dir"));
        assertTrue(new LastSelectionFile(config.resolve("dir")).load().isEmpty(), "a directory where the file should be");
    }
}
