package dev.berth.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Rate and time left from the overall bytes, over a window of the last seconds. */
class JobProgressTest {

    private final AtomicLong now = new AtomicLong();
    private final JobProgress progress = new JobProgress(now::get, () -> {});

    @Test
    void theRateIsTheBytesOfTheLastSecondsAndTheEtaWhatIsLeftAtThatRate() {
        progress.overall(0, 10_000, 0, 2);
        now.set(Duration.ofSeconds(2).toNanos());
        progress.overall(2_000, 10_000, 1, 2);

        JobProgress.View view = progress.view();
        assertEquals(1_000, view.bytesPerSecond(), 0.001);
        assertEquals(Optional.of(Duration.ofSeconds(8)), view.eta());
        assertEquals(0.2, view.fraction(), 0.0001);
    }

    @Test
    void oldSamplesLeaveTheWindowSoASlowdownShowsQuickly() {
        progress.overall(0, 100_000, 0, 1);
        now.set(Duration.ofSeconds(1).toNanos());
        progress.overall(50_000, 100_000, 0, 1);
        for (int second = 2; second <= 10; second++) {
            now.set(Duration.ofSeconds(second).toNanos());
            progress.overall(50_000 + (second - 1) * 100L, 100_000, 0, 1);
        }
        assertEquals(100, progress.view().bytesPerSecond(), 0.001);
    }

    @Test
    void beforeAnyTotalThereIsNoFractionAndNoEta() {
        assertEquals(-1, progress.view().fraction());
        assertEquals(Optional.empty(), progress.view().eta());
    }
}
