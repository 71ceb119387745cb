package dev.berth.domain;

import java.util.Objects;
import java.util.Optional;

/** The os/architecture/variant an image runs on, rendered {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, Optional<String> variant, Optional<String> osVersion) {

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        variant = Objects.requireNonNull(variant, "variant").filter(v -> !v.isBlank());
        osVersion = Objects.requireNonNull(osVersion, "osVersion").filter(v -> !v.isBlank());
    }

    public static Platform of(String os, String architecture) {
        return new Platform(os, architecture, Optional.empty(), Optional.empty());
    }

    public static Platform of(String os, String architecture, String variant) {
        return new Platform(os, architecture, Optional.ofNullable(variant), Optional.empty());
    }

    /** Parses {@code os/arch[/variant]}. */
    public static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("invalid platform '" + text + "': expected os/arch[/variant]");
        }
        return of(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** {@code unknown/unknown}: how buildx marks attestation manifests inside an index. */
    public boolean isUnknown() {
        return "unknown".equals(os) && "unknown".equals(architecture);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
