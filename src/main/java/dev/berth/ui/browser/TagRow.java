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

    void setAlsoTaggedAs(List<String> others) {
        alsoTaggedAs.set(String.join(", ", others));
    }
}
