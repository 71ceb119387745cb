package dev.berth.registry.http;

import dev.berth.registry.RegistryException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * The moment by which one whole exchange with a registry must be over: headers and body, with its
 * redirects, token requests and retries. OkHttp's connect/read/write timeouts bound each socket
 * operation only, so a server sending a byte every few seconds could hold a call open for hours;
 * this bounds the call.
 *
 * <p>An exchange gets the connection's timeout, plus time for the bytes it is known to move at
 * {@link #MIN_BYTES_PER_SECOND}. That floor is far below any working link (a 1 GiB layer gets its
 * timeout plus 4.5 hours, so a slow but working line is never cut off), yet it still ends a drip:
 * a server below it for a whole blob is broken or hostile, not slow.
 */
public final class Deadline {

    /** 64 KiB/s: slower than any link a registry is used over; see the class comment. */
    static final long MIN_BYTES_PER_SECOND = 64 * 1024;

    private final long endNanos;
    private final Duration budget;
    private final Remedies remedies;

    private Deadline(Duration budget, Remedies remedies) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
        this.remedies = remedies;
    }

    /** Starts now: {@code timeout} for the exchange plus time for {@code transferBytes} at the throughput floor. */
    static Deadline start(Duration timeout, long transferBytes, Remedies remedies) {
        Duration transfer = Duration.ofSeconds(Math.ceilDiv(Math.max(0, transferBytes), MIN_BYTES_PER_SECOND));
        return new Deadline(timeout.plus(transfer), remedies);
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    boolean isOver() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** True if waiting {@code wait} (before a retry) still leaves the exchange some time. */
    boolean allowsWaiting(Duration wait) {
        return remaining().compareTo(wait) > 0;
    }

    /** Bounds {@code call}, body included, by what is left; OkHttp cancels it when that runs out. */
    void bound(Call call, String where) throws RegistryException.TransportFailure {
        if (isOver()) throw exceeded(where, null);
        call.timeout().timeout(remaining().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The failure to report once the deadline has passed: which registry, how long, what to do. */
    RegistryException.TransportFailure exceeded(String where, IOException cause) {
        return new RegistryException.TransportFailure(where + " was too slow: the exchange did not finish within "
                + seconds(budget) + ". The registry may be overloaded or the network slow; try again later, or "
                + remedies.moreTime() + ".", cause, true);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
