package dev.berth.ui;

import dev.berth.ui.common.FxCallbackTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records how long each of our callbacks held the FX thread; a UI test ends by asserting on it,
 * and a failure names the culprits.
 *
 * <p>What is timed is the FX thread's CPU time ({@code FxUiExecutor}), so time the thread spent
 * preempted does not count. CPU time still grows when the machine is busy (two cores shared by
 * the build, the registries and podman: caches and cores contended, classes loaded and code
 * interpreted on a first use): BrowseDuringApplyLoadTest's longest callback takes 25 ms on a quiet
 * machine and 42 to 54 ms at a load of 12 to 17, and CI once met a single 57 ms callback in
 * EngineFlowTest that no change had made slower. Hence two checks:
 * <ul>
 * <li>{@link #assertNoStall()}, for the flows, whose check is "no work that belongs on a
 * background thread": it fails at twice the {@link #BUDGET}. Such work (sorting or building
 * thousands of rows, parsing a big answer) costs a multiple of the budget; a busy machine's noise
 * does not reach twice it. A callback over the budget is printed, so a creeping cost shows.
 * <li>{@link #assertWithinBudget()}, for the tests whose subject is the budget itself (the
 * responsiveness figure of docs/guarantees.md): it fails at the budget, and is load-sensitive by
 * nature.
 * </ul>
 * How fast a callback is, beyond that, is for the benchmarks.
 */
public final class FxWatchdog implements FxCallbackTimer {

    /** What a callback of ours must stay under (docs/guarantees.md: 50 ms of CPU time). */
    public static final Duration BUDGET = Duration.ofMillis(50);
    /** Where a flow fails: twice the budget. */
    static final Duration STALL = BUDGET.multipliedBy(2);

    private final List<String> overBudget = new ArrayList<>();
    private Duration longest = Duration.ZERO;
    private int count;

    @Override
    public synchronized void ran(String description, Duration duration) {
        count++;
        if (duration.compareTo(longest) > 0) longest = duration;
        if (duration.compareTo(BUDGET) > 0) overBudget.add(description + " held the FX thread " + duration.toMillis() + " ms");
    }

    public synchronized int callbacks() {
        return count;
    }

    public synchronized Duration longest() {
        return longest;
    }

    /** For a flow: fails on a callback over twice the budget; prints the ones over the budget. */
    public synchronized void assertNoStall() {
        if (longest.compareTo(STALL) > 0) {
            throw new AssertionError("FX thread stalled by our code (over " + STALL.toMillis() + " ms): " + overBudget);
        }
        if (!overBudget.isEmpty()) System.out.println("FX watchdog: over the " + BUDGET.toMillis() + " ms budget: " + overBudget);
    }

    /** For a test of the budget itself: fails on any callback over it. */
    public synchronized void assertWithinBudget() {
        if (!overBudget.isEmpty()) throw new AssertionError("over the FX thread's " + BUDGET.toMillis() + " ms budget: " + overBudget);
    }
}
