package dev.berth.registry.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each request that goes on the wire: method, scheme, host, port and path, the status and the time it took.
 * Never headers (the Authorization header carries passwords and tokens), query strings (some registries put
 * tokens there) or bodies (token responses). Successes at DEBUG, failures at INFO.
 */
public final class RequestLog implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String what = request.method() + " " + withoutSecrets(request.url());
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (response.code() >= 400) {
                LOG.info("{} -> {} in {} ms", what, response.code(), millis);
            } else {
                LOG.debug("{} -> {} in {} ms", what, response.code(), millis);
            }
            return response;
        } catch (IOException | RuntimeException e) {
            LOG.info("{} failed: {}", what, e.getClass().getSimpleName());
            throw e;
        }
    }

    /** The URL without user info, query or fragment. */
    static String withoutSecrets(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
    }
}
