package dev.berth.ui.jobs;


/** What a finished job tells the person: what happened and what to do; {@code failed} picks the look. */
public record JobNotice(String title, String text, boolean failed) {

    /** Where notices go: ControlsFX's notification popup in the app, a list in tests. */
    @FunctionalInterface
    public interface Sink {
        Sink NONE = notice -> {};

        void show(JobNotice notice);
    }

}
