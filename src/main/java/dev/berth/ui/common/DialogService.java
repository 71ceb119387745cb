package dev.berth.ui.common;

import dev.berth.connection.ConnectionDraft;
import java.util.Optional;

/** Everything that asks the user something in a window of its own; tests script the answers. */
public interface DialogService {

    /** Shows the connection dialog, pre-filled with {@code initial}; empty when cancelled. */
    Optional<ConnectionDraft> editConnection(ConnectionDraft initial, String title);

    /** Asks a yes/no question; {@code action} names the yes button ("Delete", "Create connection"). */
    boolean confirm(String title, String text, String action);

    /** Asks where to save a file, suggesting {@code suggestedName}; empty when cancelled. */
    Optional<java.nio.file.Path> chooseFileToSave(String title, String suggestedName);

    /** Asks which file to open; empty when cancelled. */
    Optional<java.nio.file.Path> chooseFileToOpen(String title);

    /** Asks for a folder (a DirectoryChooser); empty when cancelled. */
    Optional<java.nio.file.Path> chooseFolder(String title);
}
