package dev.berth.connection;

import java.io.IOException;

/**
 * A secret could not be read, saved or removed. The message says which store failed and what to do;
 * it never contains the secret.
 */
public final class SecretStoreException extends IOException {

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
