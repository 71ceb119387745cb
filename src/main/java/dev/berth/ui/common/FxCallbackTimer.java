package dev.berth.ui.common;

import java.time.Duration;

/** Told how long each callback of ours took on the FX thread; the UI tests fail on a stall. */
@FunctionalInterface
public interface FxCallbackTimer {
    FxCallbackTimer NONE = (description, duration) -> {};

    void ran(String description, Duration duration);
}
