package dev.berth.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TagOrderingTest {

    private static final Comparator<String> ORDER = TagOrdering.ascending();

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            // numbers compare as numbers, not text
            "v1.9.2,        v1.10.0",
            "1.2,           1.10",
            "9,             10",
            "1.0.0,         2.0.0",
            "0.9.9,         0.10.0",
            // a pre-release comes before its release
            "1.2.3-rc.1,    1.2.3",
            "1.2.3-alpha,   1.2.3-alpha.1",
            "1.2.3-alpha.1, 1.2.3-alpha.beta",
            "1.2.3-alpha.beta, 1.2.3-beta",
            "1.2.3-beta.2,  1.2.3-beta.11",
            "1.2.3-beta.11, 1.2.3-rc.1",
            "1.2.3-rc.1,    1.2.4-rc.1",
            // docker-style variants stay next to their version
            "1.25-alpine,   1.25",
            "1.25,          1.25.1-alpine",
            // equal precedence: the plain string order decides, so no two tags are equal
            "1.2,           1.2.0",
            "1.2.3,         v1.2.3",
            "V1.2.3,        v1.2.3",
            "1.2.3+build.2, 1.2.3+build.9",
            "01.2,          1.2",
            // versions, then names, then commit/digest tags
            "99.0.0,        latest",
            "v2,            edge",
            "latest,        sha-1a2b3c4",
            "main,          1a2b3c4d5e6f",
            "zzz,           sha256-0000000000000000000000000000000000000000000000000000000000000000.sig",
            // names: natural order, case ignored first
            "build-9,       build-10",
            "Latest,        latest",
            "feature-a,     Feature-B",
            "latest,        main",
            "main,          nightly",
            // huge numbers do not overflow
            "20240101000000000000, 20240101000000000001",
    })
    void orders(String lower, String higher) {
        assertTrue(ORDER.compare(lower, higher) < 0, lower + " should come before " + higher);
        assertTrue(ORDER.compare(higher, lower) > 0, higher + " should come after " + lower);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1.2.3, VERSION", "v10, VERSION", "1.0.0-rc.1, VERSION", "3.19-alpine, VERSION", "2024.01.15, VERSION",
            "latest, NAME", "main, NAME", "deadbeef, NAME", "cafe, NAME", "1.2.3-rc..1, NAME", "v, NAME", "1.2., NAME",
            "sha-1a2b3c4, HASH", "1a2b3c4, HASH", "git-0f3e9a1, HASH", "abcdef0123456789abcdef0123456789abcdef01, HASH",
    })
    void groups(String tag, String group) {
        // A group is visible through its neighbours: versions before "m", hashes after "zzzz".
        switch (group) {
            case "VERSION" -> assertTrue(ORDER.compare(tag, "a") < 0, tag);
            case "NAME" -> assertTrue(ORDER.compare(tag, "0.0.0") > 0 && ORDER.compare(tag, "sha-0000000a") < 0, tag);
            case "HASH" -> assertTrue(ORDER.compare(tag, "zzzzzz") > 0, tag);
            default -> throw new IllegalArgumentException(group);
        }
    }

    static Stream<Arguments> sortedLists() {
        return Stream.of(
                Arguments.of(List.of("0.1.0", "0.9.0", "0.10.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.1",
                        "1.0.0", "v1.0.1", "1.1", "v1.9.2", "v1.10.0", "2", "latest", "main", "pr-7", "pr-12",
                        "sha-0a1b2c3", "sha-9f8e7d6")),
                Arguments.of(List.of("3.18", "3.19-alpine", "3.19", "3.19.1", "3.20", "edge", "latest", "stable")));
    }

    @ParameterizedTest
    @MethodSource("sortedLists")
    void sortsShuffledListsTheSameWay(List<String> expected) {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<String> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, random);
            shuffled.sort(ORDER);
            assertEquals(expected, shuffled);
        }
    }

    @Test
    void newestFirstPutsTheNewestVersionOnTopAndKeepsNamesAfter() {
        List<String> tags = new ArrayList<>(List.of("latest", "1.2.3-rc.1", "v1.10.0", "sha-0a1b2c3", "v1.9.2", "1.2.3", "main"));
        tags.sort(TagOrdering.newestFirst());
        assertEquals(List.of("v1.10.0", "v1.9.2", "1.2.3", "1.2.3-rc.1", "latest", "main", "sha-0a1b2c3"), tags);
    }

    @Test
    void isATotalOrderConsistentWithEquals() {
        List<String> tags = new ArrayList<>();
        sortedLists().forEach(a -> {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) a.get()[0];
            tags.addAll(list);
        });
        tags.addAll(List.of("1.2", "1.2.0", "v1.2.0", "01.2", "Latest", "LATEST", "a1", "a01", "a", "1a", "-", "_x", "x_",
                "1.2.3+b", "1.2.3-rc.1+b", "1.2.3-0", "1.2.3-00a", "1.2.3-1", "sha256-" + "ab".repeat(32)));
        for (Comparator<String> order : List.of(TagOrdering.ascending(), TagOrdering.newestFirst())) {
            for (String a : tags) {
                for (String b : tags) {
                    int ab = Integer.signum(order.compare(a, b));
                    assertEquals(-ab, Integer.signum(order.compare(b, a)), a + " vs " + b);
                    assertEquals(a.equals(b), ab == 0, a + " vs " + b);
                    for (String c : tags) {
                        if (ab < 0 && order.compare(b, c) < 0) assertTrue(order.compare(a, c) < 0, a + " < " + b + " < " + c);
                    }
                }
            }
        }
    }
}
