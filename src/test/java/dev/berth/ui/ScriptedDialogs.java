package dev.berth.ui;

import dev.berth.ui.common.DialogService;
import dev.berth.connection.ConnectionDraft;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Dialog answers given in advance, and a record of what was asked. */
public final class ScriptedDialogs implements DialogService {

    private final Deque<UnaryOperator<ConnectionDraft>> connectionAnswers = new ArrayDeque<>();
    private final Deque<Boolean> confirmations = new ArrayDeque<>();
    private final Deque<java.nio.file.Path> files = new ArrayDeque<>();
    public final List<String> asked = new ArrayList<>();
    /** The text of each confirmation, in order. */
    public final List<String> confirmTexts = new ArrayList<>();

    /** The next connection dialog returns {@code answer} applied to what it was pre-filled with. */
    public ScriptedDialogs answerConnection(UnaryOperator<ConnectionDraft> answer) {
        connectionAnswers.add(answer);
        return this;
    }

    /** The next file chooser (save or open) returns {@code file}. */
    public ScriptedDialogs answerFile(java.nio.file.Path file) {
        files.add(file);
        return this;
    }

    @Override
    public Optional<java.nio.file.Path> chooseFileToSave(String title, String suggestedName) {
        asked.add("save file: " + title + " [" + suggestedName + "]");
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<java.nio.file.Path> chooseFileToOpen(String title) {
        asked.add("open file: " + title);
        return Optional.ofNullable(files.poll());
    }

    /** Answers from the same queue as the file choosers: {@link #answerFile} the folder. */
    @Override
    public Optional<java.nio.file.Path> chooseFolder(String title) {
        asked.add("folder: " + title);
        return Optional.ofNullable(files.poll());
    }

    public ScriptedDialogs answerConfirm(boolean yes) {
        confirmations.add(yes);
        return this;
    }

    @Override
    public Optional<ConnectionDraft> editConnection(ConnectionDraft initial, String title) {
        asked.add("connection: " + title + " [" + initial.address() + "]");
        UnaryOperator<ConnectionDraft> answer = connectionAnswers.poll();
        return answer == null ? Optional.empty() : Optional.ofNullable(answer.apply(initial));
    }

    @Override
    public boolean confirm(String title, String text, String action) {
        asked.add("confirm: " + title);
        confirmTexts.add(text);
        Boolean yes = confirmations.poll();
        return yes != null && yes;
    }
}
