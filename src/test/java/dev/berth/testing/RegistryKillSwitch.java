package dev.berth.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Kills a real registry process at a chosen request of an operation, so that a crash lands at the
 * same point on every run. Installed as an application interceptor of the client under test: the
 * Nth request matching the trigger kills the registry just before it is sent, so that request and
 * everything after it meet a dead registry; {@link #thenRestart()} brings the registry back before
 * the request goes on, so the operation meets a registry restarted between two of its requests
 * (its pooled connections dead).
 */
public final class RegistryKillSwitch implements Interceptor {

    private final RegistryServer registry;
    private final String method;
    private final String pathContains;
    private final int nth;
    private final AtomicInteger matched = new AtomicInteger();
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private volatile boolean restart;
    private volatile boolean fired;
    private volatile Consumer<Request> beforeEach = request -> {};

    private RegistryKillSwitch(RegistryServer registry, String method, String pathContains, int nth) {
        if (nth < 1) throw new IllegalArgumentException("nth counts from 1: " + nth);
        this.registry = registry;
        this.method = method;
        this.pathContains = pathContains;
        this.nth = nth;
    }

    /** Kills {@code registry} before the {@code nth} {@code method} request whose path contains {@code pathContains}. */
    public static RegistryKillSwitch killAt(RegistryServer registry, String method, String pathContains, int nth) {
        return new RegistryKillSwitch(registry, method, pathContains, nth);
    }

    /** Restarts the registry (same port, same storage) right after killing it, before the request goes on. */
    public RegistryKillSwitch thenRestart() {
        this.restart = true;
        return this;
    }

    /** Runs {@code check} on every request before it is sent (e.g. that a DELETE's manifest is journaled by then). */
    public RegistryKillSwitch beforeEach(Consumer<Request> check) {
        this.beforeEach = check;
        return this;
    }

    /** {@code builder} with this switch installed. */
    public OkHttpClient.Builder installOn(OkHttpClient.Builder builder) {
        return builder.addInterceptor(this);
    }

    public boolean fired() {
        return fired;
    }

    /**
     * Every request the client tried, in order, retries included, with what came of it: "METHOD /path -> 202", or the
     * exception's class name when no answer came (e.g. "-> ConnectException": it never reached the registry).
     */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }

    /** The paths of the {@code method} requests the registry answered with {@code status}. */
    public List<String> answered(String method, int status) {
        String suffix = " -> " + status;
        return attempts.stream().filter(a -> a.startsWith(method + " ") && a.endsWith(suffix))
                .map(a -> a.substring(method.length() + 1, a.length() - suffix.length())).toList();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        beforeEach.accept(request);
        if (request.method().equals(method) && request.url().encodedPath().contains(pathContains) && matched.incrementAndGet() == nth) {
            registry.kill();
            if (restart) registry.start();
            fired = true;
        }
        String attempt = request.method() + " " + request.url().encodedPath();
        try {
            Response response = chain.proceed(request);
            attempts.add(attempt + " -> " + response.code());
            return response;
        } catch (IOException | RuntimeException e) {
            attempts.add(attempt + " -> " + e.getClass().getSimpleName());
            throw e;
        }
    }
}
