package dev.berth.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.work.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The batcher as a producer's {@link Progress}: many reports, one pending UI update, one list delivered. */
class UiBatcherTest {

    /** An executor whose UI thread runs only when the test says so, as a busy FX thread would. */
    private static final class HeldUiThread implements UiExecutor {
        final List<Runnable> queued = new CopyOnWriteArrayList<>();

        @Override
        public <T> UiTask submit(String description, BackgroundWork<T> work, Consumer<? super T> onSuccess,
                Consumer<? super Throwable> onFailure) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void onUiThread(Runnable action) {
            queued.add(action);
        }

        void runQueued() {
            List<Runnable> now = List.copyOf(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void reportsFromSeveralThreadsReachTheUiAsOneBatchPerPendingUpdate() throws Exception {
        HeldUiThread ui = new HeldUiThread();
        List<List<Integer>> delivered = new ArrayList<>();
        Progress<Integer> progress = new UiBatcher<Integer>(ui, delivered::add);

        List<Thread> producers = IntStream.range(0, 4).mapToObj(t -> Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 2_500; i++) progress.report(t * 2_500 + i);
        })).toList();
        for (Thread producer : producers) producer.join();

        assertEquals(1, ui.queued.size(), "10,000 reports, one UI update pending");
        ui.runQueued();
        assertEquals(1, delivered.size());
        assertEquals(10_000, delivered.getFirst().size());
        assertEquals(IntStream.range(0, 10_000).boxed().toList(), delivered.getFirst().stream().sorted().toList());

        progress.report(-1);
        assertEquals(1, ui.queued.size(), "the next report schedules the next update");
        ui.runQueued();
        assertEquals(List.of(-1), delivered.getLast());
    }
}
