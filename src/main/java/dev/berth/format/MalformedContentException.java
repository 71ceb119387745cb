package dev.berth.format;

/** A manifest or config that is not what its format says it must be. */
public final class MalformedContentException extends IllegalArgumentException {
    public MalformedContentException(String message) {
        super(message);
    }
}
