package dev.berth.ui.app;

import dev.berth.connection.Connection;
import dev.berth.registry.RegistryClient;
import dev.berth.ui.browser.BrowserViewModel;
import dev.berth.ui.browser.RegistryNode;

/** Puts a saved, connected connection into the tree with what it remembers (probe, hand-added repositories). */
record RegistryNodeFactory(BrowserViewModel browser) {

    RegistryNode connected(Connection connection, RegistryClient client) {
        return browser.addRegistry(connection.id().value(), connection.name(), connection.apiHost(), connection.folder(), client,
                connection.lastProbe().map(probe -> probe.capabilities()), connection.repositories());
    }
}
