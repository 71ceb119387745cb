package dev.berth.ui.browser;

import dev.berth.domain.Reference;

/** Where a pasted reference leads: to a node, to a connection that should be created, or nowhere. */
public sealed interface Navigation {

    /** Found (or added) under an existing connection; {@code reference} says which tag or digest. */
    record Found(RegistryNode registry, RepositoryNode repository, Reference reference) implements Navigation {}

    /** No connection talks to that registry yet: offer to create one. */
    record NeedsConnection(Reference reference) implements Navigation {}

    /** Not a reference at all. */
    record Invalid(String message) implements Navigation {}
}
