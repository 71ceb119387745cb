package dev.berth.registry.http;

import dev.berth.registry.tls.TlsFailureTranslator;
import dev.berth.registry.tls.TlsProblem;
import javax.net.ssl.SSLException;

/** Words for a failed TLS handshake, from the TLS module's translator. */
final class TlsFailures {
    private TlsFailures() {}

    static String explain(SSLException e, String where) {
        return TlsFailureTranslator.translate(e, where).map(TlsProblem::message)
                .orElse("The secure connection to " + where + " failed (" + e.getMessage()
                        + "). Check the address, the port and the connection's TLS settings.");
    }
}
