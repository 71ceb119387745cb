package dev.berth.registry.http;

import javax.net.ssl.SSLException;

/** Placeholder until the TLS module's translator is wired in. */
final class TlsFailures {
    private TlsFailures() {}

    static String explain(SSLException e, String where) {
        return "The secure connection to " + where + " failed: " + e.getMessage();
    }
}
