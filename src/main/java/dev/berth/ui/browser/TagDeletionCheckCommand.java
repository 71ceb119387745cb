package dev.berth.ui.browser;

import dev.berth.registry.RequestNames;
import dev.berth.registry.Capabilities;
import dev.berth.ui.common.DialogService;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UserMessage;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * "Check…" on a registry whose tag deletes are accepted with an unknown effect: after asking (it
 * writes a tiny test artifact), finds out whether a tag delete removes only the tag, so that
 * cleanup can offer untagging. The answer goes on the node and is remembered with the connection.
 */
public final class TagDeletionCheckCommand {

    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Notifier notifier;

    public TagDeletionCheckCommand(UiExecutor executor, DialogService dialogs, Notifier notifier) {
        this.executor = executor;
        this.dialogs = dialogs;
        this.notifier = notifier;
    }

    /** True when the check can tell something the probe could not (browsing probes read-only, so deletes may be untried). */
    public static boolean worthChecking(Capabilities capabilities) {
        return capabilities != null && (capabilities.tagDeletion() == Capabilities.TagDeletion.ACCEPTED_EFFECT_UNKNOWN
                || capabilities.tagDeletion() == Capabilities.TagDeletion.UNKNOWN && capabilities.deletes() != Capabilities.Ability.NO);
    }

    /** Checks {@code node}'s registry; {@code onChecked} gets the capabilities with what was learned. */
    public void check(RegistryNode node, Consumer<Capabilities> onChecked) {
        Capabilities before = node.capabilitiesProperty().get();
        if (node.client() == null || before == null) return;
        Optional<String> repository = before.sampleRepository()
                .or(() -> node.repositories().stream().findFirst().map(RepositoryNode::name));
        if (repository.isEmpty()) {
            notifier.show(new UserMessage("No repository to check in", "The check pushes a tiny test artifact into a repository: "
                    + "add one to " + node.displayName() + " first.", "", UserMessage.Kind.OTHER));
            return;
        }
        String repo = repository.get();
        if (!dialogs.confirm("Check what a tag delete removes?", "Berth pushes a tiny test artifact (an empty config, no layers) to "
                + repo + " under two throw-away tags, deletes one of the tags, looks whether the artifact and its other tag stayed, "
                + "then deletes the artifact. Nothing else is touched. It needs push and delete permission on " + repo + ".",
                "Check")) {
            return;
        }
        node.setTagDeletionCheck("Checking what a tag delete removes, in " + repo + "…");
        executor.submit("Checking tag deletes on " + node.displayName(), (cancel, work) ->
                node.client().withCancel(cancel).checkTagDeletion(RequestNames.repository(repo)), result -> {
                    Capabilities now = node.capabilitiesProperty().get() == null ? before : node.capabilitiesProperty().get();
                    Capabilities checked = now.withTagDeletion(result.effect());
                    node.setCapabilities(checked);
                    node.setTagDeletionCheck(result.explanation());
                    onChecked.accept(checked);
                }, error -> {
                    UserMessage message = UserMessage.of(error);
                    node.setTagDeletionCheck("The check did not finish: " + message.text());
                    notifier.show(message);
                });
    }
}
