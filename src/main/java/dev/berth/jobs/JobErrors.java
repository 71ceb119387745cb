package dev.berth.jobs;

import dev.berth.engine.EngineException;
import dev.berth.registry.RegistryException;
import dev.berth.store.StoreException;
import dev.berth.transfer.CopyException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** A job's failure in words a person reads in the jobs panel and its summary: what happened and what to do. */
final class JobErrors {

    private JobErrors() {}

    static String words(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        return switch (error) {
            case RegistryException e -> message;
            case StoreException e -> message;
            case CopyException e -> message;
            case EngineException e -> message; // already says what happened and what to start or name
            case AccessDeniedException e -> "Berth may not write or read " + e.getFile() + ". Choose a place you can write to and retry.";
            case NoSuchFileException e -> "There is no " + e.getFile() + ". Check the path and retry.";
            case FileSystemException e -> "The file system refused: " + message + ". Check the path and free space, then retry.";
            case IOException e -> "Reading or writing failed: " + message + ". Check the connection or the disk, then retry.";
            default -> "Berth failed unexpectedly (" + error.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message)
                    + "). Retry; if it fails again, report it.";
        };
    }
}
