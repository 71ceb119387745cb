package dev.berth.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.EngineLocator;
import dev.berth.engine.LocalImage;
import dev.berth.ui.common.SyncUiExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's images as the push dialog lists them, and the words when there is no engine. */
class EngineProbeTest {

    @Test
    void everyNameIsListedSortedAndAnUntaggedImageByItsId() {
        List<LocalImage> images = List.of(
                new LocalImage("sha256:" + "b".repeat(64), List.of("localhost/team/app:2.0", "localhost/team/app:latest"), List.of(), 10, Instant.EPOCH),
                new LocalImage("sha256:" + "a".repeat(64), List.of(), List.of(), 10, Instant.EPOCH),
                new LocalImage("sha256:" + "c".repeat(64), List.of("docker.io/library/alpine:3"), List.of(), 10, Instant.EPOCH));
        assertEquals(List.of("docker.io/library/alpine:3", "localhost/team/app:2.0", "localhost/team/app:latest", "sha256:" + "a".repeat(64)),
                EngineProbe.names(images));
    }

    @Test
    void withoutAnEngineTheAnswerSaysWhatToStart() {
        List<String> absent = new ArrayList<>();
        new EngineProbe(new SyncUiExecutor(), new EngineLocator(Map.of("DOCKER_HOST", "unix:///nonexistent/berth-test.sock")))
                .images(found -> { throw new AssertionError("no engine there, yet found " + found); }, absent::add);
        assertEquals(1, absent.size());
        org.junit.jupiter.api.Assertions.assertTrue(absent.getFirst().contains("systemctl --user start podman.socket"), absent.getFirst());
    }
}
