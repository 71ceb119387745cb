package dev.berth.jobs;

import dev.berth.store.ImageDestination;
import dev.berth.store.ImageSource;
import dev.berth.work.CancelSignal;
import java.io.IOException;

/** Opens places for a copy; a cancel aborts what they have in flight. */
public interface Places {

    ImageSource source(Place place, CancelSignal cancel) throws IOException;

    ImageDestination destination(Place place, CancelSignal cancel) throws IOException;
}
