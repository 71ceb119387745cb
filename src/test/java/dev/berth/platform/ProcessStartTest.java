package dev.berth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessStartTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    /** A real line's shape: pid, (comm), state, then fields 4 to 52; the start time (field 22) is 4200 ticks. */
    private static String stat(String command, long startTicks) {
        StringBuilder line = new StringBuilder("4114 (" + command + ") S 1 4114 4114 0 -1 4194560 22031 0 3 0 187 25 0 0 20 0 41 0 ");
        line.append(startTicks);
        line.append(" 5093412864 63511 18446744073709551615 1 1 0 0 0 0 0 4096 16898 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        return line.toString();
    }

    @Test
    void theStartIsNowLessTheTimeSinceBootMinusTheStartTicks() {
        // Started 42.00 s after boot; 43.87 s after boot now: 1.87 s ago.
        Instant start = ProcessStart.fromProc(stat("Berth", 4200), "43.87 80.12\n", NOW);

        assertEquals(NOW.minusMillis(1870), start);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        Instant start = ProcessStart.fromProc(stat("a) b (c", 4200), "43.87 80.12", NOW);

        assertEquals(NOW.minusMillis(1870), start);
    }

    @Test
    void aStartAfterTheUptimeReadingIsRefusedRatherThanPutInTheFuture() {
        assertThrows(IllegalArgumentException.class, () -> ProcessStart.fromProc(stat("Berth", 4500), "43.87 80.12", NOW));
        assertThrows(IllegalArgumentException.class, () -> ProcessStart.fromProc("garbage", "1.0 1.0", NOW));
    }

    @Test
    void thisProcessStartedBeforeNowAndWithinItsOwnUptime() {
        Instant start = ProcessStart.current().orElseThrow();
        Duration sinceStart = Duration.between(start, Instant.now());
        // The JVM's uptime counts from a little after the process started, never before it.
        long jvmUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();

        assertTrue(sinceStart.toMillis() >= jvmUptime - 20, sinceStart + " since start, JVM up " + jvmUptime + " ms");
        assertTrue(sinceStart.toMillis() < jvmUptime + 5_000, sinceStart + " since start, JVM up " + jvmUptime + " ms");
    }
}
