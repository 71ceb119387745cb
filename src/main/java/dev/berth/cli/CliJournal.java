package dev.berth.cli;

import dev.berth.cleanup.Journal;
import java.nio.file.Path;

/** The journal the commands that delete share ({@code rm}, {@code cleanup}) and {@code undo} reads. */
final class CliJournal {

    private CliJournal() {}

    static Journal open(CliEnvironment environment, Path override) {
        return new Journal(override != null ? override : Journal.defaultDirectory(environment.variables(), environment.home()));
    }
}
