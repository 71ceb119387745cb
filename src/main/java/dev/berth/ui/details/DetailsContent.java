package dev.berth.ui.details;

import dev.berth.domain.Descriptor;
import dev.berth.inspect.ImageDetails;
import java.util.List;

/** Everything the details pane shows, gathered off the FX thread in one go. */
public record DetailsContent(ImageDetails details, List<LayerRow> layers, String prettyManifest, List<Descriptor> referrers,
        String referrersNote) {
    public DetailsContent {
        layers = List.copyOf(layers);
        referrers = List.copyOf(referrers);
    }
}
