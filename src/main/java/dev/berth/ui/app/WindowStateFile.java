package dev.berth.ui.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cleanup.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The main window's size, position and divider in a small JSON file of the config directory. A
 * damaged file is only logged and ignored (the window opens at its first-start size), and a write
 * replaces the file atomically so a crash never leaves half of one.
 */
public final class WindowStateFile {

    public static final String NAME = "window.json";
    private static final System.Logger LOG = System.getLogger(WindowStateFile.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public WindowStateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The saved state; empty when there is none or it cannot be read (logged). */
    public Optional<WindowState> load() {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new WindowState(number(node, "x"), number(node, "y"), number(node, "width"), number(node, "height"),
                    node.path("maximized").asBoolean(false), number(node, "divider")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring the damaged window state " + file + " (" + e.getMessage()
                    + "); the window opens at its default size");
            return Optional.empty();
        }
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) throw new IllegalArgumentException("no number '" + field + "'");
        return value.asDouble();
    }

    /** Writes {@code state}: a temporary file beside the target, then an atomic rename. Blocks: not on the FX thread. */
    public void save(WindowState state) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("x", state.x()).put("y", state.y()).put("width", state.width())
                .put("height", state.height()).put("maximized", state.maximized()).put("divider", state.divider());
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node), false);
    }
}
