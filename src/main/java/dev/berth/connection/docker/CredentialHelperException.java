package dev.berth.connection.docker;

import java.io.IOException;
import java.util.Objects;

/**
 * A docker-credential-* helper could not answer. The message says which helper and what went
 * wrong; it never contains a secret or the helper's answer, only (sanitised) error text.
 */
public final class CredentialHelperException extends IOException {

    /** Why the helper failed, so the UI can offer the right remedy. */
    public enum Reason {
        /** The helper program is not installed (not on PATH). */
        NOT_INSTALLED,
        /** It did not finish within the timeout, e.g. waiting on a keyring or passphrase prompt. */
        TIMED_OUT,
        /** It ran and reported an error (non-zero exit). */
        FAILED,
        /** It exited successfully but its output is not what the protocol promises. */
        BAD_OUTPUT,
        /** Berth's thread was interrupted while waiting; the helper has been killed. */
        INTERRUPTED
    }

    private final String helper;
    private final Reason reason;

    public CredentialHelperException(String helper, Reason reason, String message) {
        super(message);
        this.helper = Objects.requireNonNull(helper, "helper");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The program name, e.g. {@code docker-credential-pass}. */
    public String helper() {
        return helper;
    }

    public Reason reason() {
        return reason;
    }
}
