package dev.berth.registry.http;

import java.time.Duration;

/**
 * How often and how long to retry an idempotent request after a temporary failure. A
 * {@code Retry-After} longer than {@link #maxRetryAfter} is not waited for: the person is told.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(20));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    }

    /** Exponential backoff with a little jitter, so parallel clients do not retry in step. */
    public Duration backoff(int attempt) {
        long base = baseDelay.toMillis() << Math.min(attempt - 1, 6);
        return Duration.ofMillis(base + (long) (Math.random() * baseDelay.toMillis() / 2));
    }
}
