package dev.berth.jobs;

/** What a job does, in the words a row and a notice use. */
public enum JobKind {
    PULL("Pull"),
    PUSH("Push"),
    EXPORT("Export"),
    IMPORT("Import"),
    COPY("Copy"),
    RETAG("Retag"),
    CLEANUP("Clean up");

    private final String verb;

    JobKind(String verb) {
        this.verb = verb;
    }

    public String verb() {
        return verb;
    }

    /** Whether a new job of this kind opens the jobs panel: not a cleanup, whose own view already shows its progress. */
    public boolean opensPanel() {
        return this != CLEANUP;
    }
}
