package dev.berth.engine;

import java.io.IOException;

/** Why the local engine could not be reached or did not do what was asked, in words for a person. */
public sealed class EngineException extends IOException {

    EngineException(String message) {
        super(message);
    }

    EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No engine answered at any of the places one is looked for. */
    public static final class NoEngine extends EngineException {
        NoEngine(String message) {
            super(message);
        }
    }

    /** The engine has no image by the name or id given. */
    public static final class NoSuchImage extends EngineException {
        NoSuchImage(String message) {
            super(message);
        }
    }
}
