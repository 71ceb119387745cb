package dev.berth.jobs;

/** One blob of a job as its bar shows it: {@code done} of {@code size} bytes. */
public record LayerProgress(String digest, long size, long done, State state) {

    public enum State { WAITING, MOVING, COPIED, ALREADY_THERE, MOUNTED }

    public double fraction() {
        if (state != State.WAITING && state != State.MOVING) return 1;
        return size <= 0 ? 0 : Math.min(1, (double) done / size);
    }

    /** {@code sha256:abcdef123456}: enough to tell layers apart. */
    public String shortDigest() {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
    }
}
