package dev.berth.jobs;

/** What a job does, in the words a row and a notice use. */
public enum JobKind {
    PULL("Pull"),
    PUSH("Push"),
    EXPORT("Export"),
    IMPORT("Import"),
    COPY("Copy"),
    RETAG("Retag"),
    CLEANUP("Clean up"),
    READ("Read");

    private final String verb;

    JobKind(String verb) {
        this.verb = verb;
    }

    public String verb() {
        return verb;
    }

    /**
     * Whether a new job of this kind opens the jobs panel: not a cleanup nor a read of the registry
     * overview, whose own views already show their progress.
     */
    public boolean opensPanel() {
        return movesImages();
    }

    /** Whether the job moves images, layer by layer: not a cleanup (it deletes manifests) nor a read (it only looks). */
    public boolean movesImages() {
        return this != CLEANUP && this != READ;
    }
}
