package dev.berth.cli;

import dev.berth.domain.ByteSize;
import dev.berth.transfer.TransferEvent;
import dev.berth.transfer.TransferListener;
import java.io.PrintWriter;

/**
 * Draws a copy's progress on stderr: one line redrawn in place on a terminal, or, when stderr is a
 * file or a pipe, one plain line per finished blob (nothing that needs a terminal to read).
 */
final class CopyProgress implements TransferListener {

    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastDrawn;
    private boolean drawn;

    CopyProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void on(TransferEvent event) {
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

    /** Ends the live line, so what follows starts on its own. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }

    private void draw(TransferEvent.Overall overall) {
        long now = System.nanoTime();
        boolean last = overall.blobsDone() == overall.blobsTotal();
        if (!last && drawn && now - lastDrawn < REDRAW_NANOS) return;
        lastDrawn = now;
        drawn = true;
        int percent = overall.bytesTotal() == 0 ? 100 : (int) (100 * overall.bytesDone() / overall.bytesTotal());
        err.print("\rCopying " + overall.blobsDone() + "/" + overall.blobsTotal() + " blobs, "
                + ByteSize.format(overall.bytesDone()) + " of " + ByteSize.format(overall.bytesTotal()) + " (" + percent + "%)   ");
        err.flush();
    }

    private void line(String what, String digest, long size) {
        err.println(what + " " + digest + " (" + ByteSize.format(size) + ")");
        err.flush();
    }
}
