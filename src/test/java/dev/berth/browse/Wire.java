package dev.berth.browse;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts what went over the wire (as a network interceptor: every attempt, nothing from a cache),
 * and tracks how many requests were in flight at once.
 */
final class Wire implements Interceptor {

    record Request(String method, String path, int code) {
        boolean is(String m, String pathPart) {
            return method.equals(m) && path.contains(pathPart);
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long delayMillis;

    /** Slows every request down, so that concurrency and cancellation can be observed. */
    Wire delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
            Response response = chain.proceed(chain.request());
            requests.add(new Request(chain.request().method(), chain.request().url().encodedPath(), response.code()));
            return response;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    List<Request> all() {
        return List.copyOf(requests);
    }

    long count(String method, String pathPart) {
        return requests.stream().filter(r -> r.is(method, pathPart)).count();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    void clear() {
        requests.clear();
        maxInFlight.set(0);
    }
}
