package dev.berth.transfer;

/**
 * Receives a copy's {@link TransferEvent}s. Calls come from the copying threads, one at a time
 * (the engine serialises them), so an implementation needs no locking but must be quick.
 */
@FunctionalInterface
public interface TransferListener {

    TransferListener NONE = event -> {};

    void on(TransferEvent event);
}
