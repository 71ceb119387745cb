package dev.berth.ui.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Arguments of later launches, handed over by {@link dev.berth.platform.SingleInstance} before or after the
 * window exists: those that arrive before the app listens wait for it.
 */
final class LaterArguments {

    static final LaterArguments INSTANCE = new LaterArguments();

    private final List<List<String>> waiting = new ArrayList<>();
    private Consumer<List<String>> listener;

    synchronized void arrived(List<String> args) {
        if (listener == null) waiting.add(args);
        else listener.accept(args);
    }

    synchronized void listen(Consumer<List<String>> newListener) {
        listener = newListener;
        waiting.forEach(newListener);
        waiting.clear();
    }
}
