package dev.berth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The version Berth reports is the pom's, filtered into a resource at build time, even when run from classes. */
class BerthVersionTest {

    @Test
    void isThePomVersion() {
        // Surefire passes ${project.version} as berth.expectedVersion; from classes there is no jar manifest to read.
        assertEquals(System.getProperty("berth.expectedVersion"), BerthVersion.current());
    }
}
