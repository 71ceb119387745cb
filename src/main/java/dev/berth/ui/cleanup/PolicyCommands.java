package dev.berth.ui.cleanup;

import dev.berth.cleanup.CleanupPolicy;
import dev.berth.cleanup.PolicyFiles;
import dev.berth.cleanup.PolicyScope;
import dev.berth.cleanup.PolicyStore;
import dev.berth.cleanup.RetentionRules;
import dev.berth.ui.common.DialogService;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UserMessage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableObjectValue;

/**
 * The form's rules as a policy: the scope for the cleanup's target ("team/app", "team/" or "*"), kept
 * with the connection or in a file someone can import elsewhere.
 */
public final class PolicyCommands {

    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Notifier notifier;
    private final PolicyStore policies;
    private final RuleForm form;
    private final ObservableObjectValue<CleanupTarget> target;
    private final Runnable onImported;

    // Properties: outputs
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /**
     * @param target      the cleanup's current target; a policy read for an earlier one is not shown
     * @param onImported  told after an imported policy filled the form (a preview of other rules is stale)
     */
    PolicyCommands(UiExecutor executor, DialogService dialogs, Notifier notifier, PolicyStore policies, RuleForm form,
            ObservableObjectValue<CleanupTarget> target, Runnable onImported) {
        this.executor = executor;
        this.dialogs = dialogs;
        this.notifier = notifier;
        this.policies = policies;
        this.form = form;
        this.target = target;
        this.onImported = onImported;
    }

    /** What became of loading, saving, exporting or importing a policy. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    // Commands

    /** Fills the form from the connection's saved policy, when it has rules for the target. */
    void loadSaved() {
        CleanupTarget chosen = target.get();
        String connection = chosen.registry().id();
        executor.submit("Reading the cleanup policy of " + chosen.registry().displayName(), (cancel, work) ->
                policies.load(connection).map(PolicyFiles::fromJson), saved -> {
                    // The person may have moved on to another target while it was read.
                    if (target.get() != chosen) return;
                    saved.flatMap(p -> p.scopeFor(chosen.scopeKey())).ifPresent(scope -> {
                        form.fill(scope.rules());
                        status.set("Rules from this connection's saved policy (" + scope.repositories() + ").");
                    });
                }, this::failed);
    }

    /** Forgets what was said about another target's policy. */
    void clearStatus() {
        status.set("");
    }

    /** Saves the form's rules in the connection's policy as the scope for the target, keeping its other scopes. */
    public void save() {
        CleanupTarget chosen = target.get();
        Optional<RetentionRules> rules = form.rules();
        if (chosen == null || rules.isEmpty()) return;
        String connection = chosen.registry().id();
        executor.submit("Saving the cleanup policy of " + chosen.registry().displayName(), (cancel, work) -> {
            List<PolicyScope> scopes = new ArrayList<>(policies.load(connection).map(PolicyFiles::fromJson)
                    .map(CleanupPolicy::scopes).orElse(List.of()));
            scopes.removeIf(s -> s.repositories().equals(chosen.scopeKey()));
            scopes.add(new PolicyScope(chosen.scopeKey(), rules.get()));
            policies.save(connection, PolicyFiles.toJson(new CleanupPolicy(scopes)));
            return scopes.size();
        }, count -> status.set("Saved as " + chosen.registry().displayName() + "'s rules for " + chosen.scopeKey() + "."),
                this::failed);
    }

    /** Writes the form's rules, for the target, to a policy file someone can import elsewhere. */
    public void export() {
        CleanupTarget chosen = target.get();
        Optional<RetentionRules> rules = form.rules();
        if (chosen == null || rules.isEmpty()) return;
        dialogs.chooseFileToSave("Export cleanup policy", "cleanup-policy.json").ifPresent(file -> executor.submit(
                "Exporting the cleanup policy", (cancel, work) -> {
                    PolicyFiles.write(file, new CleanupPolicy(List.of(new PolicyScope(chosen.scopeKey(), rules.get()))));
                    return file;
                }, written -> status.set("Exported to " + written + "."), this::failed));
    }

    /** Reads a policy file into the form: its rules for the target, or its only scope. */
    public void importFile() {
        CleanupTarget chosen = target.get();
        if (chosen == null) return;
        dialogs.chooseFileToOpen("Import cleanup policy").ifPresent(file -> executor.submit(
                "Importing a cleanup policy", (cancel, work) -> {
                    CleanupPolicy read = PolicyFiles.read(file);
                    return read.scopeFor(chosen.scopeKey()).or(() -> read.scopes().size() == 1
                            ? Optional.of(read.scopes().getFirst()) : Optional.empty()).orElseThrow(() -> new IllegalArgumentException(
                            "policy file " + file + " has no rules for " + chosen.scopeKey() + " (its scopes: "
                                    + read.scopes().stream().map(PolicyScope::repositories).toList() + ")"));
                }, scope -> {
                    form.fill(scope.rules());
                    onImported.run();
                    status.set("Imported the rules for " + scope.repositories() + " from " + file + "; press Preview.");
                }, this::failed));
    }

    /** A bad policy file says what is wrong with it; a file that cannot be read or written says so. */
    private void failed(Throwable error) {
        String text = error.getMessage() == null ? error.toString() : error.getMessage();
        UserMessage message = switch (error) {
            case IllegalArgumentException bad -> new UserMessage("Not a usable cleanup policy", text, "", UserMessage.Kind.OTHER);
            case NoSuchFileException missing -> new UserMessage("No such file", "There is no file " + text + ".", "",
                    UserMessage.Kind.NOT_FOUND);
            case IOException io -> new UserMessage("Policy not read or written", text, error.getClass().getSimpleName(),
                    UserMessage.Kind.OTHER);
            default -> UserMessage.of(error);
        };
        status.set(message.title() + ": " + message.text());
        notifier.show(message);
    }
}
