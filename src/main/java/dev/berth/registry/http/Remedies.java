package dev.berth.registry.http;

/**
 * Where a person fixes a connection problem, in the words of the place that shows the error: the
 * app points at a connection's settings, the command line at its options. The same failure must
 * not send a CLI user looking for a settings dialog.
 */
public enum Remedies {

    APP("raise the timeout in this connection's settings", "add its CA in the connection's TLS settings"),
    COMMAND_LINE("allow more time with --timeout SECONDS", "pass its CA with --ca-cert FILE");

    private final String moreTime;
    private final String addCa;

    Remedies(String moreTime, String addCa) {
        this.moreTime = moreTime;
        this.addCa = addCa;
    }

    /** What to do when the registry needs longer than the connection allows. */
    String moreTime() {
        return moreTime;
    }

    /** What to do when {@code registry}'s certificate is issued by a CA Berth does not trust (Docker's place works for both). */
    String trustCa(String registry) {
        return addCa + ", or place it at certs.d/" + registry + "/ca.crt";
    }
}
