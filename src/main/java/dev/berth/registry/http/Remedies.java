package dev.berth.registry.http;

/**
 * Where a person fixes a connection problem, in the words of the place that shows the error: the
 * app points at a connection's settings, the command line at its options. The same failure must
 * not send a CLI user looking for a settings dialog.
 */
public enum Remedies {

    APP {
        @Override
        String moreTime() {
            return "raise the timeout in this connection's settings";
        }

        @Override
        String trustCa(String registry) {
            return "add its CA in the connection's TLS settings, or place it at certs.d/" + registry + "/ca.crt";
        }
    },

    COMMAND_LINE {
        @Override
        String moreTime() {
            return "allow more time with --timeout SECONDS";
        }

        @Override
        String trustCa(String registry) {
            return "pass its CA with --ca-cert FILE, or place it at certs.d/" + registry + "/ca.crt";
        }
    };

    /** What to do when the registry needs longer than the connection allows. */
    abstract String moreTime();

    /** What to do when the registry's certificate is issued by a CA Berth does not trust. */
    abstract String trustCa(String registry);
}
