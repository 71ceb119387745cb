package dev.berth.cli;

import dev.berth.domain.ByteSize;
import dev.berth.transfer.TransferEvent;
import dev.berth.work.Progress;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Draws a copy's progress on stderr: a progress bar (me.tongfei:progressbar, which draws on the
 * process's own terminal) when there is one, or, when stderr is a file or a pipe, one plain line per
 * finished blob (nothing that needs a terminal to read).
 */
final class CopyProgress implements Progress<TransferEvent> {

    private final PrintWriter err;
    private final boolean terminal;
    private ProgressBar bar;

    CopyProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void report(TransferEvent event) {
        if (terminal) {
            if (event instanceof TransferEvent.Overall overall) draw(overall);
            return;
        }
        switch (event) {
            case TransferEvent.BlobCopied c -> line("copied ", c.blob().digest().toString(), c.blob().size());
            case TransferEvent.BlobSkipped s -> line("skipped", s.blob().digest().toString(), s.blob().size());
            case TransferEvent.BlobMounted m -> line("mounted", m.blob().digest().toString(), m.blob().size());
            default -> { }
        }
    }

    /** Ends the bar, so what follows starts on its own line. */
    void finish() {
        if (bar != null) bar.close();
    }

    private void draw(TransferEvent.Overall overall) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("Copying").setInitialMax(overall.bytesTotal()).setUnit(" MiB", 1 << 20)
                    .showSpeed().setSpeedUnit(ChronoUnit.SECONDS).build();
        }
        bar.stepTo(overall.bytesDone());
        bar.setExtraMessage(" " + overall.blobsDone() + "/" + overall.blobsTotal() + " blobs");
    }

    private void line(String what, String digest, long size) {
        err.println(what + " " + digest + " (" + ByteSize.format(size) + ")");
        err.flush();
    }
}
