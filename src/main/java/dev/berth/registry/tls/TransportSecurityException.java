package dev.berth.registry.tls;

import java.io.IOException;

/**
 * A request was refused before it was sent because its transport is not safe enough: plain HTTP to
 * a registry that is not loopback and has not opted in, or a link-local/cloud-metadata host.
 *
 * <p>An {@link IOException}, like OkHttp's own refusal of cleartext, so that it can be thrown from an
 * interceptor and reaches the caller as a transport failure.
 */
public final class TransportSecurityException extends IOException {

    public TransportSecurityException(String message) {
        super(message);
    }
}
