package dev.berth.cleanup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The advice is shown to people as it is: plain words, no internal references. */
class GarbageCollectionAdviceTest {

    private static final Pattern TRAP_NUMBER = Pattern.compile("\\(T\\d+\\)");

    @Test
    void speaksWithoutTheProtocolNotesTrapNumbers() {
        for (GarbageCollectionAdvice advice : List.of(GarbageCollectionAdvice.distribution(), GarbageCollectionAdvice.folder())) {
            assertFalse(TRAP_NUMBER.matcher(advice.text()).find(), advice.text());
        }
    }

    @Test
    void distributionAdviceNamesTheCommandToRun() {
        assertTrue(GarbageCollectionAdvice.distribution().text().contains("registry garbage-collect /etc/docker/registry/config.yml"));
    }
}
