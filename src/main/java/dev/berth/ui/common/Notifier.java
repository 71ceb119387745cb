package dev.berth.ui.common;

/** Tells the user about something that happened away from where they are looking. */
@FunctionalInterface
public interface Notifier {
    Notifier NONE = message -> {};

    void show(UserMessage message);
}
