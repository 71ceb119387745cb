package dev.berth.ui.jobs;

import java.time.Duration;

/** Durations as the panel says them: "4 s", "2 min 5 s", "1 h 3 min". */
final class JobsText {

    private JobsText() {}

    static String duration(Duration duration) {
        long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
        if (seconds < 60) return seconds + " s";
        if (seconds < 3600) return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
