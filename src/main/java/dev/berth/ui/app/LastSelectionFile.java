package dev.berth.ui.app;

import dev.berth.cleanup.AtomicFiles;
import dev.berth.ui.browser.SelectionPlace;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What was selected in the tree when the window last closed: a connection's id (never its address or
 * credentials), a repository and a tag, as a small properties file of the config directory. An unreadable file
 * is logged and ignored: the window then opens on nothing selected, as on a first start.
 */
public final class LastSelectionFile {

    public static final String NAME = "last-selection.properties";
    private static final System.Logger LOG = System.getLogger(LastSelectionFile.class.getName());

    private final Path file;

    public LastSelectionFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The remembered place; empty when there is none or it cannot be read (logged). Blocks: not on the FX thread. */
    public Optional<SelectionPlace> load() {
        try {
            Properties saved = new Properties();
            saved.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            String connection = saved.getProperty("connection");
            if (connection == null || connection.isBlank()) return Optional.empty();
            return Optional.of(new SelectionPlace(connection, Optional.ofNullable(saved.getProperty("repository")),
                    Optional.ofNullable(saved.getProperty("tag"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring the last selection in " + file + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** Remembers {@code place}, or forgets it when empty, through a temporary file and an atomic rename. Blocks. */
    public void save(Optional<SelectionPlace> place) throws IOException {
        if (place.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Properties saved = new Properties();
        saved.setProperty("connection", place.get().connectionId());
        place.get().repository().ifPresent(repository -> saved.setProperty("repository", repository));
        place.get().tag().ifPresent(tag -> saved.setProperty("tag", tag));
        StringWriter text = new StringWriter();
        saved.store(text, "Berth: what the tree showed when the window closed");
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), false);
    }
}
