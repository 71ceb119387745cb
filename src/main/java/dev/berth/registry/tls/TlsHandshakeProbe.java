package dev.berth.registry.tls;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import okhttp3.HttpUrl;

/**
 * Completes one TLS handshake with a registry without sending a request, then waits for the server's
 * verdict, to explain a failure whose exception lost it.
 *
 * <p>A server that refuses a client certificate sends its alert and closes the socket. If the client
 * has already written its request, that unread data makes the server's kernel answer with a reset,
 * which often overtakes the alert: the call then fails with "Broken pipe" or a closed HTTP/2
 * connection and no trace of TLS. Here nothing is written after the handshake, so the server closes
 * cleanly and the alert arrives intact.
 *
 * <p>The server judges the client certificate as soon as it has read it, before the rest of the
 * client's flight; the probe therefore sends each flight in one write (see {@link FlightSocket}), so
 * that no write of ours can run into the reset.
 *
 * <p>The probe connects directly (no proxy), so it suits registries reached without one.
 */
public final class TlsHandshakeProbe {

    /** TLS 1.2 servers can still reset while the client writes its own handshake flight; a few tries settle it. */
    private static final int ATTEMPTS = 3;

    /** As {@link #probe(String, int, TlsContext, Duration)} for the host and port of {@code url}. */
    public static Optional<TlsProblem> probe(HttpUrl url, TlsContext context, Duration timeout) {
        return probe(url.host(), url.port(), context, timeout);
    }

    /**
     * The problem the server reports when {@code context} connects to it, or empty when it accepts
     * the handshake (or says nothing TLS-specific) within {@code timeout}.
     */
    public static Optional<TlsProblem> probe(String host, int port, TlsContext context, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Socket raw = new FlightSocket()) {
                raw.connect(new InetSocketAddress(host, port), millis);
                raw.setSoTimeout(millis);
                try (SSLSocket tls = (SSLSocket) context.sslSocketFactory().createSocket(raw, host, port, true)) {
                    tls.startHandshake();
                    // TLS 1.3 finishes the client's side before the server has judged the client certificate.
                    tls.getInputStream().read();
                    return Optional.empty();
                }
            } catch (SocketTimeoutException accepted) {
                return Optional.empty(); // the server took the handshake and is waiting for a request
            } catch (IOException e) {
                Optional<TlsProblem> problem = TlsFailureTranslator.translate(e, context);
                if (problem.isPresent()) return problem;
            }
        }
        return Optional.empty();
    }

    /**
     * A plain socket that holds back what is written until it next reads, so a TLS flight made of
     * several records leaves in one write. Otherwise a server that closes after the first record
     * resets the connection while we still write, and the write fails before its alert is read.
     */
    static final class FlightSocket extends Socket {
        private HeldOutput output;
        private InputStream input;

        FlightSocket() {
            super(Proxy.NO_PROXY);
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) output = new HeldOutput(super.getOutputStream());
            return output;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                HeldOutput held = (HeldOutput) getOutputStream();
                input = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        held.send();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        held.send();
                        return super.read(buffer, offset, length);
                    }
                };
            }
            return input;
        }
    }

    /** Collects writes; {@link #send()} puts them on the wire. */
    private static final class HeldOutput extends OutputStream {
        private final OutputStream wire;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        HeldOutput(OutputStream wire) {
            this.wire = wire;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] buffer, int offset, int length) {
            pending.write(buffer, offset, length);
        }

        @Override
        public void flush() {
            // Deliberately nothing: the flight leaves when the socket next reads.
        }

        synchronized void send() throws IOException {
            if (pending.size() == 0) return;
            pending.writeTo(wire);
            pending.reset();
            wire.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                send();
            } finally {
                wire.close();
            }
        }
    }

    private TlsHandshakeProbe() {}
}
