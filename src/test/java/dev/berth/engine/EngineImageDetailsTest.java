package dev.berth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's inspect and history answers, as Berth reads them (the shapes Docker and Podman answer). */
class EngineImageDetailsTest {

    private static final String LAYER_1 = "sha256:" + "a".repeat(64);
    private static final String LAYER_2 = "sha256:" + "b".repeat(64);

    private static final String INSPECT = """
            {"Id":"sha256:%s","RepoTags":["example/app:1.0","<none>:<none>"],"RepoDigests":["example/app@sha256:%s"],
             "Created":"2024-03-01T12:00:00.123456789Z","Os":"linux","Architecture":"arm64","Variant":"v8","Size":1234567,
             "Config":{"User":"app","WorkingDir":"/srv","Env":["PATH=/usr/bin","MODE=prod"],"Entrypoint":["/entry.sh"],
                       "Cmd":["serve","--port","8080"],"ExposedPorts":{"8080/tcp":{}},"Labels":{"org.opencontainers.image.title":"app"}},
             "RootFS":{"Type":"layers","Layers":["%s","%s"]}}
            """.formatted("1".repeat(64), "2".repeat(64), LAYER_1, LAYER_2);

    private static final String HISTORY = """
            [{"Id":"sha256:%s","Created":1709294400,"CreatedBy":"/bin/sh -c #(nop)  CMD [\\"serve\\"]","Size":0,"Comment":""},
             {"Id":"<missing>","Created":1709290800,"CreatedBy":"/bin/sh -c apk add curl","Size":4096,"Comment":"buildkit"}]
            """.formatted("1".repeat(64));

    @Test
    void readsPlatformConfigAndLayersFromTheInspectAnswer() throws Exception {
        EngineImageDetails details = EngineImageDetails.parse(INSPECT, Optional.of(HISTORY));

        assertEquals("sha256:" + "1".repeat(64), details.image().id());
        assertEquals(List.of("example/app:1.0"), details.image().repoTags(), "the untagged placeholder is no name");
        assertEquals(List.of("example/app@sha256:" + "2".repeat(64)), details.image().repoDigests());
        assertEquals(1234567, details.image().size());
        ImageConfig config = details.config();
        assertEquals("linux/arm64/v8", config.platform().toString());
        assertEquals(Optional.of(Instant.parse("2024-03-01T12:00:00.123456789Z")), config.created());
        assertEquals(List.of("serve", "--port", "8080"), config.cmd());
        assertEquals(List.of("/entry.sh"), config.entrypoint());
        assertEquals(List.of("PATH=/usr/bin", "MODE=prod"), config.env());
        assertEquals(Optional.of("app"), config.user());
        assertEquals(Optional.of("/srv"), config.workingDir());
        assertEquals(List.of("8080/tcp"), config.exposedPorts());
        assertEquals(Map.of("org.opencontainers.image.title", "app"), config.labels());
        assertEquals(List.of(Digest.parse(LAYER_1), Digest.parse(LAYER_2)), details.layers());
    }

    @Test
    void historyComesOldestFirstAndAStepOfNoSizeMadeNoLayer() throws Exception {
        List<ImageConfig.HistoryEntry> history = EngineImageDetails.parse(INSPECT, Optional.of(HISTORY)).config().history();

        assertEquals(2, history.size());
        assertEquals("/bin/sh -c apk add curl", history.get(0).createdBy());
        assertFalse(history.get(0).emptyLayer());
        assertEquals(Optional.of("buildkit"), history.get(0).comment());
        assertEquals(Optional.of(Instant.ofEpochSecond(1709290800)), history.get(0).created());
        assertTrue(history.get(1).emptyLayer());
    }

    @Test
    void anImageWithoutHistoryOrConfigStillReads() throws Exception {
        EngineImageDetails details = EngineImageDetails.parse("""
                {"Id":"sha256:%s","Created":"0001-01-01T00:00:00Z","Os":"linux","Architecture":"amd64","Config":null,"RootFS":{}}
                """.formatted("3".repeat(64)), Optional.empty());

        assertFalse(details.historyKnown());
        assertEquals(List.of(), details.config().history());
        assertEquals(Optional.empty(), details.config().created(), "an engine's zero time is no date");
        assertEquals(Optional.empty(), details.config().variant());
        assertEquals(List.of(), details.config().cmd());
        assertEquals(List.of(), details.layers());
        assertEquals(List.of(), details.image().repoTags());
    }
}
