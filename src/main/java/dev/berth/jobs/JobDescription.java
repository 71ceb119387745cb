package dev.berth.jobs;

import java.util.Objects;

/** What a job is, as a person reads it and as its summary keeps it: never a secret, only names and paths. */
public record JobDescription(JobKind kind, String title, String from, String to) {

    public JobDescription {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
