package dev.berth.ui;

import dev.berth.ui.common.FxCallbackTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records how long each of our callbacks held the FX thread. A UI test ends with
 * {@link #assertNoStall()}: any callback over 50 ms fails it, naming the culprit.
 */
public final class FxWatchdog implements FxCallbackTimer {

    public static final Duration LIMIT = Duration.ofMillis(50);

    private final List<String> stalls = new ArrayList<>();
    private Duration longest = Duration.ZERO;
    private int count;

    @Override
    public synchronized void ran(String description, Duration duration) {
        count++;
        if (duration.compareTo(longest) > 0) longest = duration;
        if (duration.compareTo(LIMIT) > 0) stalls.add(description + " held the FX thread " + duration.toMillis() + " ms");
    }

    public synchronized int callbacks() {
        return count;
    }

    public synchronized Duration longest() {
        return longest;
    }

    public synchronized void assertNoStall() {
        if (!stalls.isEmpty()) throw new AssertionError("FX thread stalled by our code: " + stalls);
    }
}
