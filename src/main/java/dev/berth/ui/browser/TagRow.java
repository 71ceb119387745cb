package dev.berth.ui.browser;

import dev.berth.browse.ImageSummary;
import dev.berth.domain.Digest;
import dev.berth.domain.Platform;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One row of the tag table; fields fill in as metadata arrives. */
public final class TagRow {

    /** Size not known yet. */
    public static final long UNKNOWN_SIZE = -1;

    private final String tag;
    private final ObjectProperty<Digest> digest = new SimpleObjectProperty<>();
    private final LongProperty size = new SimpleLongProperty(UNKNOWN_SIZE);
    private final ObjectProperty<Instant> created = new SimpleObjectProperty<>();
    private final StringProperty platforms = new SimpleStringProperty("");
    private final StringProperty alsoTaggedAs = new SimpleStringProperty("");

    public TagRow(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public ObjectProperty<Digest> digestProperty() {
        return digest;
    }

    public LongProperty sizeProperty() {
        return size;
    }

    public ObjectProperty<Instant> createdProperty() {
        return created;
    }

    public StringProperty platformsProperty() {
        return platforms;
    }

    public StringProperty alsoTaggedAsProperty() {
        return alsoTaggedAs;
    }

    void apply(ImageSummary summary) {
        size.set(summary.size());
        created.set(summary.created().orElse(null));
        platforms.set(summary.platforms().stream().map(Platform::toString).collect(Collectors.joining(", ")));
    }

    /**
     * The other tags of this row's image, from {@code sameImage} (every tag on it, sorted, this one
     * included): the first {@link #ALSO_TAGGED_SHOWN} and how many more. All of them would cost each
     * of an image's N rows a string of N tags, quadratic in time and memory when thousands of tags
     * share an image, for a cell that shows a few.
     */
    void setAlsoTaggedAs(List<String> sameImage) {
        StringBuilder text = new StringBuilder();
        int others = sameImage.size() - (sameImage.contains(tag) ? 1 : 0);
        int shown = 0;
        for (String other : sameImage) {
            if (shown == ALSO_TAGGED_SHOWN) break;
            if (other.equals(tag)) continue;
            text.append(shown++ == 0 ? "" : ", ").append(other);
        }
        if (others > shown) text.append(" and ").append(others - shown).append(" more");
        alsoTaggedAs.set(text.toString());
    }

    static final int ALSO_TAGGED_SHOWN = 10;
}
