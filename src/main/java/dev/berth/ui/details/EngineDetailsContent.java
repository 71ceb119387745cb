package dev.berth.ui.details;

import dev.berth.domain.Digest;
import dev.berth.engine.EngineImageDetails;
import java.util.ArrayList;
import java.util.List;

/**
 * What the details pane shows for an image in the local engine, gathered off the FX thread: the
 * engine's facts and layers. It has no manifest, compressed sizes or referrers; the pane says so.
 *
 * @param name how the engine names it ({@code REPO:TAG}, or the id of an untagged image)
 */
public record EngineDetailsContent(String name, EngineImageDetails details, List<LayerRow> layers) {

    /** A layer's size in the engine is not the size it is pulled or pushed at: not shown as a number. */
    static final long SIZE_NOT_KNOWN = -1;

    public EngineDetailsContent {
        layers = List.copyOf(layers);
    }

    public static EngineDetailsContent of(String name, EngineImageDetails details) {
        List<LayerRow> rows = new ArrayList<>();
        int index = 1;
        for (Digest layer : details.layers()) rows.add(new LayerRow(index++, layer, SIZE_NOT_KNOWN, EngineWords.LAYER_KIND, 0));
        return new EngineDetailsContent(name, details, rows);
    }
}
