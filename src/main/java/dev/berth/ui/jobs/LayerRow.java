package dev.berth.ui.jobs;

import dev.berth.domain.ByteSize;
import dev.berth.jobs.LayerProgress;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One blob's bar under an expanded job row. */
public final class LayerRow {

    private final String digest;

    // Properties
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");

    LayerRow(LayerProgress layer) {
        this.digest = layer.digest();
        update(layer);
    }

    public String digest() {
        return digest;
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    void update(LayerProgress layer) {
        fraction.set(layer.fraction());
        String how = switch (layer.state()) {
            case WAITING -> "waiting";
            case MOVING -> ByteSize.format(layer.done()) + " of " + ByteSize.format(layer.size());
            case COPIED -> ByteSize.format(layer.size()) + " copied";
            case ALREADY_THERE -> ByteSize.format(layer.size()) + ", already there";
            case MOUNTED -> ByteSize.format(layer.size()) + ", linked (no data moved)";
        };
        text.set(layer.shortDigest() + " · " + how);
    }
}
