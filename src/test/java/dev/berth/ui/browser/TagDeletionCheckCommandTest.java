package dev.berth.ui.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.registry.Capabilities;
import dev.berth.registry.Capabilities.TagDeletion;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TagDeletingProxy;
import dev.berth.testing.TestImages;
import dev.berth.ui.ScriptedDialogs;
import dev.berth.ui.common.SyncUiExecutor;
import dev.berth.ui.common.UserMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Check…" for tag deletes: asks first, learns by trying, and says what it found. */
class TagDeletionCheckCommandTest {

    @TempDir
    Path work;

    @Test
    void theCheckAsksFirstThenLearnsThatATagDeleteRemovesOnlyTheTag() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start();
             TagDeletingProxy proxy = TagDeletingProxy.start(registry, TagDeletingProxy.Behaviour.REMOVES_TAG_ONLY)) {
            RegistrySeeder.of(registry).pushImage("team/app", "v1", TestImages.image().seed(1).layerSizes(100).build());
            RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(proxy.hostPort()).withPlainHttp(true, false));
            RegistryNode node = new RegistryNode("local", "local", proxy.hostPort(), client);
            Capabilities probed = client.probeIncludingDeletes(Optional.of("team/app"));
            node.setCapabilities(probed);
            assertTrue(TagDeletionCheckCommand.worthChecking(probed));

            ScriptedDialogs dialogs = new ScriptedDialogs().answerConfirm(false);
            List<UserMessage> told = new ArrayList<>();
            List<Capabilities> remembered = new ArrayList<>();
            TagDeletionCheckCommand command = new TagDeletionCheckCommand(new SyncUiExecutor(), dialogs, told::add);
            command.check(node, remembered::add);
            assertEquals(1, dialogs.asked.size(), "it asks, because it writes to the registry");
            assertTrue(proxy.tagDeletes().stream().allMatch(t -> t.endsWith("nonexistent")), "declined: nothing pushed or deleted");
            assertTrue(remembered.isEmpty());

            dialogs.answerConfirm(true);
            command.check(node, remembered::add);
            assertEquals(TagDeletion.REMOVES_TAG_ONLY, node.capabilitiesProperty().get().tagDeletion());
            assertEquals(List.of(node.capabilitiesProperty().get()), remembered, "remembered with the connection");
            assertTrue(node.tagDeletionCheckProperty().get().contains("removes only that tag"), node.tagDeletionCheckProperty().get());
            assertFalse(TagDeletionCheckCommand.worthChecking(node.capabilitiesProperty().get()));
            assertTrue(told.isEmpty(), told.toString());
        }
    }

    @Test
    void aFailedCheckSaysWhyAndChangesNothing() throws Exception {
        try (RegistryServer registry = RegistryServer.builder(work).start();
             TagDeletingProxy proxy = TagDeletingProxy.start(registry, TagDeletingProxy.Behaviour.REMOVES_TAG_ONLY)) {
            RegistryClient client = new RegistryClients().connect(ConnectionSettings.of(proxy.hostPort()).withPlainHttp(true, false));
            RegistryNode node = new RegistryNode("local", "local", proxy.hostPort(), client);
            Capabilities unknown = new Capabilities(Capabilities.AuthScheme.NONE, Capabilities.Ability.YES, Capabilities.Ability.YES,
                    TagDeletion.ACCEPTED_EFFECT_UNKNOWN, Capabilities.Ability.NO, Optional.of("bad name!"), "");
            node.setCapabilities(unknown);
            List<UserMessage> told = new ArrayList<>();
            List<Capabilities> remembered = new ArrayList<>();
            new TagDeletionCheckCommand(new SyncUiExecutor(), new ScriptedDialogs().answerConfirm(true), told::add).check(node, remembered::add);
            assertEquals(1, told.size());
            assertTrue(node.tagDeletionCheckProperty().get().startsWith("The check did not finish"), node.tagDeletionCheckProperty().get());
            assertEquals(unknown, node.capabilitiesProperty().get());
            assertTrue(remembered.isEmpty());
        }
    }
}
