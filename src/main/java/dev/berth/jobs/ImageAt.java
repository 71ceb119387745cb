package dev.berth.jobs;

import java.util.Objects;

/**
 * An image in a place: {@code name} is a tag or digest, or empty for "the place's only image" (a
 * source archive) or "no tag" (a destination stored by digest).
 */
public record ImageAt(Place place, String name) {

    public ImageAt {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(name, "name");
    }

    public String description() {
        if (name.isEmpty()) return place.description();
        return place.description() + (name.startsWith("sha256:") ? "@" : ":") + name;
    }
}
