package dev.berth.ui.cleanup;

import dev.berth.cleanup.Ages;
import dev.berth.cleanup.RetentionRules;
import dev.berth.cleanup.TagPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The retention rules as the cleanup form holds them: text a person types, turned into {@link RetentionRules} on demand. */
public final class RuleForm {

    // Properties: inputs
    private final BooleanProperty useKeepLast = new SimpleBooleanProperty(true);
    private final IntegerProperty keepLast = new SimpleIntegerProperty(3);
    private final BooleanProperty useOlderThan = new SimpleBooleanProperty(false);
    private final StringProperty olderThan = new SimpleStringProperty("30d");
    private final StringProperty include = new SimpleStringProperty("");
    private final StringProperty exclude = new SimpleStringProperty("");
    private final StringProperty protect = new SimpleStringProperty("latest|stable");
    private final ObjectProperty<RetentionRules.Order> order = new SimpleObjectProperty<>(RetentionRules.Order.CREATED);

    // Properties: outputs
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final StringBinding description = Bindings.createStringBinding(this::describe, useKeepLast, keepLast, useOlderThan,
            olderThan, include, exclude, protect, order);

    public BooleanProperty useKeepLastProperty() { return useKeepLast; }
    public IntegerProperty keepLastProperty() { return keepLast; }
    public BooleanProperty useOlderThanProperty() { return useOlderThan; }
    public StringProperty olderThanProperty() { return olderThan; }
    public StringProperty includeProperty() { return include; }
    public StringProperty excludeProperty() { return exclude; }
    public StringProperty protectProperty() { return protect; }
    public ObjectProperty<RetentionRules.Order> orderProperty() { return order; }
    /** Why the last {@link #rules()} gave nothing; empty when the form made rules. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** The rules in a line, as typed (for a collapsed form): "keep the newest 3 · protect latest|stable". */
    public StringExpression description() { return description; }

    // Commands

    /** The rules from the form, or empty with {@link #errorProperty()} saying what is wrong. */
    public Optional<RetentionRules> rules() {
        try {
            // All at once: the rules refuse to exist without something that limits what goes.
            RetentionRules rules = new RetentionRules(
                    useKeepLast.get() ? Optional.of(keepLast.get()) : Optional.empty(),
                    useOlderThan.get() ? Optional.of(Ages.parse(olderThan.get().strip())) : Optional.<Duration>empty(),
                    patterns(include.get()), patterns(exclude.get()), patterns(protect.get()), order.get());
            error.set("");
            return Optional.of(rules);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return Optional.empty();
        }
    }

    /** Shows {@code rules} in the form; several patterns become one alternation, which matches the same tags. */
    void fill(RetentionRules rules) {
        useKeepLast.set(rules.keepLast().isPresent());
        rules.keepLast().ifPresent(keepLast::set);
        useOlderThan.set(rules.olderThan().isPresent());
        rules.olderThan().ifPresent(age -> olderThan.set(Ages.format(age)));
        include.set(alternation(rules.include()));
        exclude.set(alternation(rules.exclude()));
        protect.set(alternation(rules.protect()));
        order.set(rules.order());
    }

    /** A rule that selects exactly {@code tags}, literally, and nothing protects. */
    void selectExactly(Collection<String> tags) {
        useKeepLast.set(false);
        useOlderThan.set(false);
        include.set(tags.stream().map(Pattern::quote).sorted().collect(Collectors.joining("|")));
        exclude.set("");
        protect.set("");
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        if (useKeepLast.get()) {
            parts.add("keep the newest " + keepLast.get() + (order.get() == RetentionRules.Order.VERSION ? " by version" : ""));
        }
        if (useOlderThan.get()) addUnlessBlank(parts, "older than ", olderThan.get());
        addUnlessBlank(parts, "only ", include.get() == null ? null : chosenTags(include.get().strip()));
        addUnlessBlank(parts, "never ", exclude.get());
        addUnlessBlank(parts, "protect ", protect.get());
        return String.join(" · ", parts);
    }

    /** The include pattern as the person chose it: the tags themselves (a few) or how many, else the pattern. */
    private static String chosenTags(String include) {
        return TagPattern.literalTags(include)
                .map(tags -> tags.size() <= 3 ? String.join(", ", tags) : "the " + tags.size() + " chosen tags")
                .orElse(include);
    }

    private static void addUnlessBlank(List<String> parts, String prefix, String text) {
        if (text != null && !text.isBlank()) parts.add(prefix + text.strip());
    }

    private static List<TagPattern> patterns(String regex) {
        return regex == null || regex.isBlank() ? List.of() : List.of(TagPattern.of(regex.strip()));
    }

    private static String alternation(List<TagPattern> patterns) {
        if (patterns.size() == 1) return patterns.getFirst().regex();
        return patterns.stream().map(p -> "(?:" + p.regex() + ")").collect(Collectors.joining("|"));
    }
}
