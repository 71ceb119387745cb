package dev.berth.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.work.CancelSignal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TransferStreamTest {

    @Test
    void countsEveryByteAsItPasses() throws Exception {
        AtomicLong counted = new AtomicLong();
        try (InputStream in = new TransferStream(new ByteArrayInputStream(new byte[200_000]), CancelSignal.none(), counted::addAndGet)) {
            assertEquals(0, in.read());
            in.readNBytes(1000);
            in.skip(999);
            in.readAllBytes();
        }
        assertEquals(200_000, counted.get());
    }

    @Test
    void aCancelStopsTheNextRead() throws Exception {
        CancelSignal cancel = new CancelSignal();
        try (InputStream in = new TransferStream(new ByteArrayInputStream(new byte[1000]), cancel, n -> {})) {
            in.readNBytes(10);
            cancel.cancel();
            assertThrows(CancellationException.class, () -> in.read(new byte[10]));
        }
    }
}
