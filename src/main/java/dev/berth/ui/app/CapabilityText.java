package dev.berth.ui.app;

import dev.berth.registry.Capabilities;

/** One line saying what a registry allows, for the connection test. */
final class CapabilityText {
    private CapabilityText() {}

    static String summary(Capabilities caps) {
        return "Sign-in: " + caps.auth().name().toLowerCase() + " · catalog " + mark(caps.catalog()) + " · deletes "
                + mark(caps.deletes()) + " · referrers API " + mark(caps.referrersApi());
    }

    private static String mark(Capabilities.Ability ability) {
        return switch (ability) {
            case YES -> "✓";
            case NO -> "✗";
            case UNKNOWN -> "?";
        };
    }
}
