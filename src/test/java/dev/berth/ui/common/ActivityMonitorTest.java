package dev.berth.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.work.Amount;
import dev.berth.work.CancelSignal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status bar's progress: however fast work reports, one refresh is pending on the FX thread at a time. */
class ActivityMonitorTest {

    private final List<Runnable> heldUpdates = new ArrayList<>();
    private final ActivityMonitor monitor = new ActivityMonitor(heldUpdates::add);

    private void runHeldUpdates() {
        List<Runnable> now = List.copyOf(heldUpdates);
        heldUpdates.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aThousandReportsWhileTheFxThreadIsBusyBecomeOneRefreshShowingTheLatest() {
        ActivityMonitor.Entry entry = monitor.started("Loading big", new UiTask("Loading big", new CancelSignal()));
        runHeldUpdates();
        assertEquals("Loading big", monitor.summaryProperty().get());

        for (int i = 1; i <= 1_000; i++) entry.report(new Amount(i, -1, Amount.Unit.REPOSITORIES));

        assertEquals(1, heldUpdates.size(), "one refresh pending for a thousand reports");
        runHeldUpdates();
        assertEquals("Loading big: 1,000 repositories", monitor.summaryProperty().get());

        entry.report(new Amount(3, 10, new Amount.Unit("removal", "removals")));
        assertEquals(1, heldUpdates.size(), "a report after the refresh schedules the next one");
        runHeldUpdates();
        assertEquals("Loading big: 3 of 10 removals", monitor.summaryProperty().get());
    }
}
