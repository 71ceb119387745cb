package dev.berth.ui.app;

import dev.berth.connection.ConnectionId;
import dev.berth.registry.Capabilities;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.RegistryNode;
import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UserMessage;
import dev.berth.connection.ConnectionService;

/** Keeps what the browser learns with the saved connection, written in the background; a failure is told, not swallowed. */
public final class SavedConnectionMemory implements BrowserViewModel.ConnectionMemory {

    private final UiExecutor executor;
    private final ConnectionService connections;
    private final Notifier notifier;

    public SavedConnectionMemory(UiExecutor executor, ConnectionService connections, Notifier notifier) {
        this.executor = executor;
        this.connections = connections;
        this.notifier = notifier;
    }

    @Override
    public void probed(RegistryNode node, Capabilities capabilities) {
        remember(node, "capabilities", () -> connections.rememberProbe(new ConnectionId(node.id()), capabilities));
    }

    @Override
    public void repositoryAdded(RegistryNode node, String repository) {
        remember(node, "repository", () -> connections.rememberRepository(new ConnectionId(node.id()), repository));
    }

    private interface Save {
        void run() throws Exception;
    }

    private void remember(RegistryNode node, String what, Save save) {
        executor.submit("Saving " + what + " of " + node.displayName(), (cancel, progress) -> {
            save.run();
            return true;
        }, ok -> {}, error -> notifier.show(UserMessage.of(error)));
    }
}
