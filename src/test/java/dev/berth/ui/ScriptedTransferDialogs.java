package dev.berth.ui;

import dev.berth.ui.jobs.TransferDialogs;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Transfer dialog answers given in advance, and a record of what was asked. */
public final class ScriptedTransferDialogs implements TransferDialogs {

    private final Deque<Path> paths = new ArrayDeque<>();
    private final Deque<String> tags = new ArrayDeque<>();
    private final Deque<Function<CopyTargetForm, CopyTarget>> copyTargets = new ArrayDeque<>();
    private final Deque<Function<PushForm, PushChoice>> pushes = new ArrayDeque<>();
    private final Deque<LayoutUse> layoutUses = new ArrayDeque<>();
    public final List<String> asked = new ArrayList<>();

    public ScriptedTransferDialogs answerLayoutUse(LayoutUse use) {
        layoutUses.add(use);
        return this;
    }

    @Override
    public Optional<LayoutUse> askLayoutUse(Path folder) {
        asked.add("layout use: " + folder);
        return Optional.ofNullable(layoutUses.poll());
    }

    /** The next file or folder chooser returns {@code path}. */
    public ScriptedTransferDialogs answerPath(Path path) {
        paths.add(path);
        return this;
    }

    public ScriptedTransferDialogs answerTag(String tag) {
        tags.add(tag);
        return this;
    }

    public ScriptedTransferDialogs answerCopyTarget(Function<CopyTargetForm, CopyTarget> answer) {
        copyTargets.add(answer);
        return this;
    }

    public ScriptedTransferDialogs answerPush(Function<PushForm, PushChoice> answer) {
        pushes.add(answer);
        return this;
    }

    @Override
    public Optional<Path> chooseArchiveToSave(String title, String suggestedName) {
        asked.add("save archive: " + title + " [" + suggestedName + "]");
        return Optional.ofNullable(paths.poll());
    }

    @Override
    public Optional<Path> chooseArchiveToOpen(String title) {
        asked.add("open archive: " + title);
        return Optional.ofNullable(paths.poll());
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        asked.add("folder: " + title);
        return Optional.ofNullable(paths.poll());
    }

    @Override
    public Optional<String> askTag(String title, String text, String initial) {
        asked.add("tag: " + title + " [" + initial + "]");
        return Optional.ofNullable(tags.poll());
    }

    @Override
    public Optional<CopyTarget> chooseCopyTarget(CopyTargetForm form) {
        asked.add("copy: " + form.title() + " " + form.connections() + " " + form.platforms());
        Function<CopyTargetForm, CopyTarget> answer = copyTargets.poll();
        return answer == null ? Optional.empty() : Optional.ofNullable(answer.apply(form));
    }

    @Override
    public Optional<PushChoice> choosePush(PushForm form) {
        asked.add("push: " + form.sourceKinds() + " " + form.connections() + " local images " + form.localImages()
                + form.initialSource().map(source -> " from " + source.kind() + " " + source.path()).orElse(""));
        Function<PushForm, PushChoice> answer = pushes.poll();
        return answer == null ? Optional.empty() : Optional.ofNullable(answer.apply(form));
    }
}
