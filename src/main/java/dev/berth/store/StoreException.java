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

    /** A name that does not say which image: the place holds several (or none), and the message lists what there is. */
    public static final class Ambiguous extends StoreException {
        Ambiguous(String message) {
            super(message);
        }

        /**
         * "{@code where} holds N images (tagged a, b; 1 untagged): name one, as {@code where}:TAG …",
         * or that it holds none; {@code otherwise} says how else one can be named (a digest, an index).
         */
        static StoreException of(String where, int images, java.util.List<String> tags, int untagged, String otherwise) {
            if (images == 0) return new NotFound(where + " holds no image.");
            String held = (tags.isEmpty() ? "" : "tagged " + String.join(", ", tags)) + (tags.isEmpty() || untagged == 0 ? "" : "; ")
                    + (untagged == 0 ? "" : untagged + " untagged");
            return new Ambiguous(where + " holds " + images + " images (" + held + "): name the one you mean, as " + where
                    + ":TAG" + otherwise + ".");
        }
    }

    /** Something this kind of place cannot hold, e.g. a multi-platform index in a docker-archive. */
    public static final class Unsupported extends StoreException {
        Unsupported(String message) {
            super(message);
        }
    }
}
