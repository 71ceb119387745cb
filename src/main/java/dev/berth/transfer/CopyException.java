package dev.berth.transfer;

import java.io.IOException;

/** A copy that failed, in words for a person: what failed, which blob, and what to do. Nothing was tagged. */
public final class CopyException extends IOException {

    CopyException(String message, Throwable cause) {
        super(message, cause);
    }

    CopyException(String message) {
        super(message);
    }
}
