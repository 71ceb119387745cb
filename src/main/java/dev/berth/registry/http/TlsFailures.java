package dev.berth.registry.http;

import dev.berth.registry.tls.TlsFailureTranslator;
import dev.berth.registry.tls.TlsProblem;
import javax.net.ssl.SSLException;

/**
 * Words for a failed TLS handshake, from the TLS module's translator; an untrusted certificate's
 * advice is worded for where it is shown ({@link Remedies}).
 */
final class TlsFailures {
    private TlsFailures() {}

    static String explain(SSLException e, String where, Remedies remedies) {
        return TlsFailureTranslator.translate(e, where)
                .map(problem -> problem.kind() == TlsProblem.Kind.UNTRUSTED_CERTIFICATE
                        ? "the server's certificate is not trusted: " + remedies.trustCa(where)
                        : problem.message())
                .orElse("The secure connection to " + where + " failed (" + e.getMessage()
                        + "). Check the address, the port and the connection's TLS settings.");
    }
}
