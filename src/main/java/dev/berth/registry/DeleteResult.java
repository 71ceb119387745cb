package dev.berth.registry;

/** What a manifest delete did: deleted (202), already gone (404), or deletes are disabled (405). */
public record DeleteResult(Status status, String message) {

    public enum Status { DELETED, NOT_FOUND, DISABLED }

    public boolean deleted() {
        return status == Status.DELETED;
    }
}
