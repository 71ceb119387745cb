package dev.berth.cli;

import dev.berth.registry.RegistryException;

/** One line for stderr: the exception's own message when it is written for people. */
final class CliErrors {
    private CliErrors() {}

    static String describe(Exception e) {
        if (e instanceof java.util.concurrent.CancellationException) return "cancelled; nothing was tagged or left half-written.";
        if (e instanceof RegistryException || e instanceof IllegalArgumentException) return e.getMessage();
        if (e instanceof java.io.IOException) return e.getMessage() == null ? e.toString() : e.getMessage();
        return e.toString();
    }
}
