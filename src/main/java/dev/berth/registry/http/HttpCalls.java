package dev.berth.registry.http;

import dev.berth.work.CancelSignal;
import dev.berth.registry.RegistryException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Executes OkHttp calls under a {@link CancelSignal}: cancelling aborts the call and any body
 * still being read, and the caller sees a {@link CancellationException}, never an error. Within an
 * exchange, calls are also bounded by its {@link Deadline}, body included.
 */
public final class HttpCalls {

    private final CancelSignal cancel;
    private final Remedies remedies;
    private final Deadline deadline; // null outside an exchange: nothing but the socket timeouts bound a call

    public HttpCalls(CancelSignal cancel) {
        this(cancel, Remedies.APP);
    }

    public HttpCalls(CancelSignal cancel, Remedies remedies) {
        this(cancel, remedies, null);
    }

    private HttpCalls(CancelSignal cancel, Remedies remedies, Deadline deadline) {
        this.cancel = cancel;
        this.remedies = remedies;
        this.deadline = deadline;
    }

    public CancelSignal signal() {
        return cancel;
    }

    Remedies remedies() {
        return remedies;
    }

    /** The same calls, under another cancel signal (and no deadline: each exchange sets its own). */
    HttpCalls withSignal(CancelSignal signal) {
        return new HttpCalls(signal, remedies, null);
    }

    /** The same calls, each bounded by what is left of {@code exchangeDeadline}. */
    HttpCalls within(Deadline exchangeDeadline) {
        return new HttpCalls(cancel, remedies, exchangeDeadline);
    }

    /**
     * Executes {@code call}. The cancel hook stays registered until the response is closed, so a
     * cancel during a long body read aborts it too; a read that fails because the deadline passed
     * says so, naming {@code where}.
     */
    public Response execute(Call call, String where) throws IOException {
        cancel.throwIfCancelled();
        if (deadline != null) deadline.bound(call, where);
        CancelSignal.Registration registration = cancel.onCancel(call::cancel);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            registration.close();
            if (cancel.isCancelled()) throw new CancellationException("cancelled");
            throw pastDeadline(e, where);
        }
        ResponseBody body = response.body();
        BufferedSource source = Okio.buffer(new ForwardingSource(body.source()) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                try {
                    return super.read(sink, byteCount);
                } catch (IOException e) {
                    if (cancel.isCancelled() || e instanceof RegistryException) throw e;
                    if (e instanceof SocketTimeoutException) throw failure(e, where);
                    throw pastDeadline(e, where);
                }
            }

            @Override
            public void close() throws IOException {
                registration.close();
                super.close();
            }
        });
        return response.newBuilder().body(ResponseBody.create(source, body.contentType(), body.contentLength())).build();
    }

    /** True if waiting {@code wait} before a retry leaves the exchange time to make it. */
    boolean leavesTimeAfter(Duration wait) {
        return deadline == null || deadline.allowsWaiting(wait);
    }

    /** {@code e} as the deadline's failure if the deadline has passed (OkHttp then cancelled the call), else as it is. */
    private IOException pastDeadline(IOException e, String where) {
        return deadline != null && deadline.isOver() ? deadline.exceeded(where, e) : e;
    }

    /** Throws {@link CancellationException} if {@code e} happened because the work was cancelled. */
    public void rethrowIfCancelled(IOException e) {
        if (cancel.isCancelled()) {
            CancellationException cancelled = new CancellationException("cancelled");
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    /** Turns a network-level failure into words: what failed, and what to check. */
    public RegistryException.TransportFailure failure(IOException e, String where) {
        if (e instanceof RegistryException.TransportFailure failure) return failure;
        if (deadline != null && deadline.isOver()) return deadline.exceeded(where, e);
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new RegistryException.TransportFailure(where + " did not answer in time. The registry may be "
                    + "overloaded or the network slow; try again later, or " + remedies.moreTime() + ".", e, true);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new RegistryException.TransportFailure("Could not connect to " + where
                    + " (" + e.getMessage() + "). Is the registry running, and are the address and port right?", e, true);
        }
        if (e instanceof UnknownHostException) {
            return new RegistryException.TransportFailure("The host name of " + where
                    + " could not be resolved. Check the spelling, or your DNS and VPN.", e, false);
        }
        if (e instanceof SSLException ssl) {
            return new RegistryException.TransportFailure(TlsFailures.explain(ssl, where, remedies), e, false);
        }
        return new RegistryException.TransportFailure("The connection to " + where + " failed: " + e.getMessage()
                + ". Check the network and try again.", e, true);
    }
}
