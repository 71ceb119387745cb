package dev.berth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder in front of a real registry that loses the answer to the Nth DELETE: the request
 * reaches the registry, which deletes, and the connection is then cut before a byte of the answer
 * gets back, as when the registry dies or the network drops right after the work is done. The
 * client sees a real broken connection, not a made-up exception, so its HTTP stack reacts as it
 * would in the field (OkHttp, for one, may silently send the request again).
 */
public final class AnswerDroppingProxy implements AutoCloseable {

    private final RegistryServer registry;
    private final int dropDelete;
    private final ServerSocket server;
    private final AtomicInteger deletes = new AtomicInteger();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private AnswerDroppingProxy(RegistryServer registry, int dropDelete) throws IOException {
        this.registry = registry;
        this.dropDelete = dropDelete;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("answer-dropping-proxy").start(this::accept);
    }

    /** Forwards to {@code registry}; the answer to its {@code nth} DELETE never comes back. */
    public static AnswerDroppingProxy dropAnswerToDelete(RegistryServer registry, int nth) {
        try {
            return new AnswerDroppingProxy(registry, nth);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** The first line of every request that reached the registry ("DELETE /v2/… HTTP/1.1"), in order. */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), registry.port());
                sockets.add(client);
                sockets.add(upstream);
                Connection connection = new Connection(client, upstream);
                Thread.ofVirtual().start(connection::requests);
                Thread.ofVirtual().start(connection::answers);
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One client connection and its upstream twin. Requests are small and come one at a time (HTTP/1.1, no pipelining). */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean dropNextAnswer;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void requests() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    String start = new String(buffer, 0, Math.min(n, 200), StandardCharsets.ISO_8859_1);
                    if (start.matches("(?s)^(GET|HEAD|PUT|POST|PATCH|DELETE) .*")) {
                        requestLines.add(start.substring(0, start.indexOf('\r')));
                        if (start.startsWith("DELETE ") && deletes.incrementAndGet() == dropDelete) dropNextAnswer = true;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away
            } finally {
                closeQuietly();
            }
        }

        void answers() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (dropNextAnswer) {
                        // The registry has answered, so it has deleted: cut the line before the answer gets back.
                        client.setSoLinger(true, 0);
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away
            } finally {
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                upstream.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
