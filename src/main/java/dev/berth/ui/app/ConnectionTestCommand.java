package dev.berth.ui.app;

import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UserMessage;
import dev.berth.connection.ConnectionDraft;
import dev.berth.connection.ConnectionService;
import dev.berth.ui.connections.DraftTester;
import java.util.function.Consumer;

/** The connection dialog's "Test connection": probes the settings in the background without saving them. */
public final class ConnectionTestCommand implements DraftTester {

    private final UiExecutor executor;
    private final ConnectionService connections;

    public ConnectionTestCommand(UiExecutor executor, ConnectionService connections) {
        this.executor = executor;
        this.connections = connections;
    }

    @Override
    public void test(ConnectionDraft draft, Consumer<String> verdict) {
        executor.submit("Testing " + draft.host(), (cancel, progress) -> connections.test(draft),
                capabilities -> verdict.accept("Connected. " + CapabilityText.summary(capabilities)),
                error -> {
                    UserMessage message = UserMessage.of(error);
                    verdict.accept(message.title() + ": " + message.text());
                });
    }
}
