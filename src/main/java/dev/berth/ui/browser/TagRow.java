package dev.berth.ui.browser;

import dev.berth.browse.ImageSummary;
import dev.berth.domain.Digest;
import dev.berth.domain.Names;
import dev.berth.domain.Platform;
import dev.berth.domain.Printable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    private final Optional<String> invalidName;
    private final ObjectProperty<Digest> digest = new SimpleObjectProperty<>();
    private final LongProperty size = new SimpleLongProperty(UNKNOWN_SIZE);
    private final ObjectProperty<Instant> created = new SimpleObjectProperty<>();
    private final StringProperty platforms = new SimpleStringProperty("");
    private final StringProperty alsoTaggedAs = new SimpleStringProperty("");

    public TagRow(String tag) {
        this.tag = tag;
        this.invalidName = Names.tagProblem(tag);
    }

    /** What is wrong with the tag's name when the registry listed one outside the grammar: then it is only shown, escaped. */
    public Optional<String> invalidName() {
        return invalidName;
    }

    public boolean isValidName() {
        return invalidName.isEmpty();
    }

    /** The tag as shown: itself, or quoted with its control characters escaped when it is not a valid name. */
    public String displayTag() {
        return isValidName() ? tag : Printable.quoted(tag);
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

    static final int ALSO_TAGGED_SHOWN = 10;

    /**
     * Sets "also tagged as" on every row of one image: the first {@link #ALSO_TAGGED_SHOWN} other
     * tags in name order and how many more. Every row whose tag is not among those first names shows
     * the same text, so they share one string: an image with thousands of tags costs a few strings
     * per update, not one string of thousands of names per row (quadratic in time and memory).
     */
    static void setAlsoTaggedAs(List<TagRow> sameImage) {
        List<String> names = sameImage.stream().map(TagRow::tag).sorted().toList();
        List<String> first = names.subList(0, Math.min(names.size(), ALSO_TAGGED_SHOWN));
        String shared = othersText(names, null);
        for (TagRow row : sameImage) row.alsoTaggedAs.set(first.contains(row.tag) ? othersText(names, row.tag) : shared);
    }

    private static String othersText(List<String> sortedNames, String self) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (String name : sortedNames) {
            if (shown == ALSO_TAGGED_SHOWN) break;
            if (name.equals(self)) continue;
            text.append(shown++ == 0 ? "" : ", ").append(name);
        }
        int others = sortedNames.size() - 1;
        if (others > shown) text.append(" and ").append(others - shown).append(" more");
        return text.toString();
    }
}
