package dev.berth.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What an image's config blob says: when and for what it was built, and how it runs. */
public record ImageConfig(
        Optional<Instant> created,
        String os,
        String architecture,
        Optional<String> variant,
        Optional<String> user,
        Optional<String> workingDir,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        List<String> exposedPorts,
        Map<String, String> labels,
        List<HistoryEntry> history,
        RawBytes raw) {

    public ImageConfig {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workingDir, "workingDir");
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        exposedPorts = List.copyOf(exposedPorts);
        labels = Map.copyOf(labels);
        history = List.copyOf(history);
        Objects.requireNonNull(raw, "raw");
    }

    public Platform platform() {
        return new Platform(os, architecture, variant, Optional.empty());
    }

    /** One build step, as {@code docker history} shows it. */
    public record HistoryEntry(Optional<Instant> created, String createdBy, boolean emptyLayer, Optional<String> comment) {
        public HistoryEntry {
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(createdBy, "createdBy");
            Objects.requireNonNull(comment, "comment");
        }
    }
}
