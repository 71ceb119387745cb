package dev.berth.ui.app;

import dev.berth.cleanup.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The theme the user chose with the toolbar button, in a one-word file of the config directory.
 * Only an explicit choice is written: without one, Berth follows the desktop's preference. An
 * unreadable or unknown value is logged and ignored.
 */
public final class ThemeChoiceFile {

    public static final String NAME = "theme";
    private static final System.Logger LOG = System.getLogger(ThemeChoiceFile.class.getName());

    private final Path file;

    public ThemeChoiceFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The saved choice; empty when none was made or the file cannot be read (logged). */
    public Optional<MainViewModel.Theme> load() {
        try {
            String word = Files.readString(file, StandardCharsets.UTF_8).strip().toUpperCase(Locale.ROOT);
            return Optional.of(MainViewModel.Theme.valueOf(word));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring the theme choice in " + file + " (" + e.getMessage()
                    + "); following the desktop's theme");
            return Optional.empty();
        }
    }

    /** Writes {@code theme} through a temporary file and an atomic rename. Blocks: not on the FX thread. */
    public void save(MainViewModel.Theme theme) throws IOException {
        AtomicFiles.write(file, (theme.name().toLowerCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8), false);
    }
}
