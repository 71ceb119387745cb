package dev.berth.registry.http;

import dev.berth.registry.CancelSignal;
import dev.berth.registry.RegistryException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Executes OkHttp calls under a {@link CancelSignal}: cancelling aborts the call and any body
 * still being read, and the caller sees a {@link CancellationException}, never an error.
 */
public final class HttpCalls {

    private final CancelSignal cancel;

    public HttpCalls(CancelSignal cancel) {
        this.cancel = cancel;
    }

    public CancelSignal signal() {
        return cancel;
    }

    /**
     * Executes {@code call}. The cancel hook stays registered until the response is closed, so a
     * cancel during a long body read aborts it too.
     */
    public Response execute(Call call, String where) throws IOException {
        cancel.throwIfCancelled();
        CancelSignal.Registration registration = cancel.onCancel(call::cancel);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            registration.close();
            if (cancel.isCancelled()) throw new CancellationException("cancelled");
            throw e;
        }
        ResponseBody body = response.body();
        BufferedSource source = Okio.buffer(new ForwardingSource(body.source()) {
            @Override
            public void close() throws IOException {
                registration.close();
                super.close();
            }
        });
        return response.newBuilder().body(ResponseBody.create(source, body.contentType(), body.contentLength())).build();
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
    public static RegistryException.TransportFailure transportFailure(IOException e, String where) {
        if (e instanceof RegistryException.TransportFailure failure) return failure;
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new RegistryException.TransportFailure(where + " did not answer in time. The registry may be "
                    + "overloaded or the network slow; try again, or raise the timeout for this connection.", e, true);
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
            return new RegistryException.TransportFailure(TlsFailures.explain(ssl, where), e, false);
        }
        return new RegistryException.TransportFailure("The connection to " + where + " failed: " + e.getMessage()
                + ". Check the network and try again.", e, true);
    }
}
