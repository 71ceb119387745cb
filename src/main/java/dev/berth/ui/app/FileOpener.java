package dev.berth.ui.app;

import dev.berth.ui.common.Notifier;
import dev.berth.ui.common.UiExecutor;
import dev.berth.ui.common.UserMessage;
import dev.berth.ui.jobs.TransferActions;
import dev.berth.ui.jobs.TransferDialogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens what was dropped on the window or handed to Berth on the command line (at start or by a
 * later start): an image archive goes to Push…, a layout folder to Push… or Open folder (the
 * person chooses), a folder of layouts is opened, a reference is searched for as before, and
 * anything else gets words saying what Berth accepts. Files are looked at off the FX thread.
 */
public final class FileOpener {

    private final UiExecutor executor;
    private final TransferActions transfers;
    private final TransferDialogs dialogs;
    private final Consumer<Path> openFolder;
    private final Consumer<String> search;
    private final Notifier notifier;

    /** {@code openFolder}: Open folder… on a known folder; {@code search}: the search field's Go. */
    public FileOpener(UiExecutor executor, TransferActions transfers, TransferDialogs dialogs, Consumer<Path> openFolder,
            Consumer<String> search, Notifier notifier) {
        this.executor = executor;
        this.transfers = transfers;
        this.dialogs = dialogs;
        this.openFolder = openFolder;
        this.search = search;
        this.notifier = notifier;
    }

    /** Files and folders dropped on the window: the first is opened (a dialog at a time), the others named as left alone. */
    public void open(List<Path> dropped) {
        if (dropped.isEmpty()) return;
        executor.submit("Looking at " + dropped.getFirst().getFileName(), (cancel, progress) -> DroppedFile.of(dropped.getFirst()), file -> {
            act(file);
            if (dropped.size() > 1) {
                notifier.show(new UserMessage("One at a time", "Berth opened " + dropped.getFirst().getFileName() + " and left the other "
                        + (dropped.size() - 1) + " alone: drop them one at a time.", "", UserMessage.Kind.OTHER));
            }
        }, error -> notifier.show(UserMessage.of(error)));
    }

    /**
     * The arguments of a start: a reference goes to the search (the first one, as before), a path
     * is opened as a drop would be; relative paths are read against {@code directory}.
     */
    public void openArguments(List<String> arguments, Path directory) {
        if (arguments.isEmpty()) return;
        executor.submit("Opening " + String.join(" ", arguments), (cancel, progress) -> {
            List<String> references = new ArrayList<>();
            List<DroppedFile> files = new ArrayList<>();
            for (String argument : arguments) {
                switch (LaunchArgument.of(argument, directory)) {
                    case LaunchArgument.Reference reference -> references.add(reference.text());
                    case LaunchArgument.FilePath file -> files.add(DroppedFile.of(file.path()));
                }
            }
            return new Arguments(references, files);
        }, found -> {
            found.references().stream().findFirst().ifPresent(search);
            found.files().stream().findFirst().ifPresent(this::act);
        }, error -> notifier.show(UserMessage.of(error)));
    }

    private record Arguments(List<String> references, List<DroppedFile> files) {}

    private void act(DroppedFile file) {
        switch (file) {
            case DroppedFile.Archive archive -> transfers.push(new TransferDialogs.LocalFile(archive.kind(), archive.path()));
            case DroppedFile.Layout layout -> dialogs.askLayoutUse(layout.path()).ifPresent(use -> {
                if (use == TransferDialogs.LayoutUse.OPEN) openFolder.accept(layout.path());
                else transfers.push(new TransferDialogs.LocalFile(dev.berth.jobs.PlaceKind.OCI_LAYOUT, layout.path()));
            });
            case DroppedFile.LayoutFolder folder -> openFolder.accept(folder.path());
            case DroppedFile.Refused refused -> notifier.show(new UserMessage(refused.title(), refused.text(), "", UserMessage.Kind.OTHER));
        }
    }
}
