package dev.berth.ui.details;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.RawBytes;
import dev.berth.engine.EngineImageDetails;
import dev.berth.engine.LocalImage;
import dev.berth.ui.common.SyncUiExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An image of the local engine in the details pane: built from the engine's answers, never from a manifest. */
class EngineDetailsTest {

    private static final Digest LAYER_1 = Digest.parse("sha256:" + "a".repeat(64));
    private static final Digest LAYER_2 = Digest.parse("sha256:" + "b".repeat(64));

    private final List<String> asked = new ArrayList<>();

    @Test
    void eachLayerIsItsDiffIdWithItsSizeSaidToBeUnknown() {
        EngineDetailsContent content = EngineDetailsContent.of("example/app:1.0", details());

        assertEquals(List.of(new LayerRow(1, LAYER_1, EngineDetailsContent.SIZE_NOT_KNOWN, EngineWords.LAYER_KIND, 0),
                new LayerRow(2, LAYER_2, EngineDetailsContent.SIZE_NOT_KNOWN, EngineWords.LAYER_KIND, 0)), content.layers());
        assertEquals("example/app:1.0", content.name());
    }

    @Test
    void openingALocalImageAsksTheEngineByNameAndShowsNoRegistryTag() {
        TagDetailsViewModel viewModel = new TagDetailsViewModel(new SyncUiExecutor(), name -> {
            asked.add(name);
            return Optional.of(details());
        });

        viewModel.openLocal("example/app:1.0", "example/app:1.0");

        assertEquals(List.of("example/app:1.0"), asked);
        assertEquals("linux/arm64/v8", viewModel.engineContentProperty().get().details().config().platform().toString());
        assertNull(viewModel.contentProperty().get(), "no registry content: the pull and digest buttons have nothing to copy");
        assertTrue(viewModel.engineImageProperty().get());
        assertEquals("example/app:1.0", viewModel.titleProperty().get());
        assertFalse(viewModel.loadingProperty().get());
    }

    @Test
    void anImageTheEngineNoLongerHasIsSaidSoWithWhatToDo() {
        TagDetailsViewModel viewModel = new TagDetailsViewModel(new SyncUiExecutor(), name -> Optional.empty());

        viewModel.openLocal("sha256:" + "1".repeat(64), "Untagged image 111111111111");

        assertNull(viewModel.engineContentProperty().get());
        String text = viewModel.problemProperty().get().text();
        assertTrue(text.contains("no longer has Untagged image 111111111111") && text.contains("Refresh"), text);
    }

    private static EngineImageDetails details() {
        ImageConfig config = new ImageConfig(Optional.of(Instant.parse("2024-03-01T12:00:00Z")), "linux", "arm64", Optional.of("v8"),
                Optional.empty(), Optional.empty(), List.of(), List.of(), List.of("serve"), List.of(), Map.of(), List.of(), RawBytes.utf8("{}"));
        return new EngineImageDetails(new LocalImage("sha256:" + "1".repeat(64), List.of("example/app:1.0"), List.of(), 1000,
                Instant.parse("2024-03-01T12:00:00Z")), config, List.of(LAYER_1, LAYER_2), true);
    }
}
