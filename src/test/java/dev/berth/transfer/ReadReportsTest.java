package dev.berth.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A blob's reads reach the progress listener in steps, not once per 8 KiB read, and never lose a byte. */
class ReadReportsTest {

    private static final int READ = 8 * 1024;

    private final AtomicLong now = new AtomicLong();
    private final List<long[]> reported = new ArrayList<>(); // {bytesSoFar, delta}

    private ReadReports reports(long blobSize) {
        return new ReadReports(blobSize, (soFar, delta) -> reported.add(new long[] {soFar, delta}), now::get);
    }

    @Test
    void manySmallReadsAreReportedOncePerStep() {
        long size = 64L * ReadReports.STEP_BYTES;
        ReadReports reports = reports(size);
        for (long read = 0; read < size; read += READ) reports.read(READ);

        assertEquals(64, reported.size(), "one report per " + ReadReports.STEP_BYTES + " bytes, not one per read");
        assertEquals(size, reported.getLast()[0]);
        assertEquals(size, reported.stream().mapToLong(r -> r[1]).sum(), "the deltas add up to every byte read");
        assertEquals(size, reports.reported());
    }

    @Test
    void theLastByteIsReportedEvenBelowAStep() {
        ReadReports reports = reports(3 * READ + 5);
        reports.read(READ);
        reports.read(READ);
        assertEquals(0, reported.size());
        reports.read(READ + 5);

        assertEquals(1, reported.size());
        assertEquals(3 * READ + 5, reported.getFirst()[0]);
    }

    @Test
    void aSlowStreamIsReportedAtLeastEveryInterval() {
        ReadReports reports = reports(1 << 30);
        reports.read(READ);
        assertEquals(0, reported.size());
        now.addAndGet(ReadReports.INTERVAL_NANOS);
        reports.read(READ);

        assertEquals(1, reported.size(), "a trickle still moves the progress bar");
        assertEquals(2 * READ, reported.getFirst()[0]);
        assertEquals(2 * READ, reported.getFirst()[1]);
    }
}
