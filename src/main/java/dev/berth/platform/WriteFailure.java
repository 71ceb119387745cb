package dev.berth.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Says in words what a failed write of one of Berth's files means. The writers replace files through
 * a temporary file and a rename, so a failure never touches what was saved before: the message says
 * so, and what to do about the likeliest causes (a full disk, a file-size or quota limit).
 */
public final class WriteFailure {

    private WriteFailure() {}

    /** {@code cause}, explained for {@code target}; the original stays attached as the cause. */
    public static IOException of(Path target, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String lower = reason.toLowerCase(Locale.ROOT);
        String likely = lower.contains("no space") ? "the disk is full"
                : lower.contains("too large") ? "a file-size limit was reached (ulimit -f)"
                : lower.contains("quota") ? "your disk quota is used up"
                : "the disk may be full or the directory not writable";
        return new IOException("Could not write " + target + " (" + reason + "): " + likely + ". What was saved there before is "
                + "unchanged. Free some space (or raise the limit) and try again.", cause);
    }
}
