package dev.berth.ui.app;

/** Launches Berth. A plain main class, so the JavaFX runtime can come from the class path. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        javafx.application.Application.launch(BerthApplication.class, args);
    }
}
