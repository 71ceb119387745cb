package dev.berth.store;

import java.io.IOException;

/** Why a place could not be read or written, in words for a person, with what to do where that helps. */
public sealed class StoreException extends IOException {

    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A tag, manifest or blob the place does not have. */
    public static final class NotFound extends StoreException {
        NotFound(String message) {
            super(message);
        }
    }

    /** Content that does not match its digest or size, or a file that is not what its format says. */
    public static final class Corrupt extends StoreException {
        Corrupt(String message) {
            super(message);
        }

        Corrupt(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Something this kind of place cannot hold, e.g. a multi-platform index in a docker-archive. */
    public static final class Unsupported extends StoreException {
        Unsupported(String message) {
            super(message);
        }
    }
}
