package dev.berth.ui.connections;

import dev.berth.connection.ConnectionDraft;
import java.util.function.Consumer;

/** Tries the dialog's settings in the background; the verdict arrives on the FX thread as a sentence. */
@FunctionalInterface
public interface DraftTester {
    DraftTester NONE = (draft, verdict) -> verdict.accept("Testing is not available here.");

    void test(ConnectionDraft draft, Consumer<String> verdict);
}
