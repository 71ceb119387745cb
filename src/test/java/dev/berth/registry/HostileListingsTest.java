package dev.berth.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testing.HostileNamesRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Listings a registry can abuse: pages of new names for ever (memory), and names outside the
 * distribution grammar that must never become part of a request path.
 */
class HostileListingsTest {

    @RegisterExtension
    final HostileNamesRegistry registry = new HostileNamesRegistry();

    @Test
    void anEndlessCatalogStopsAtTheNameLimitWithAMessageSayingWhatToDo() throws Exception {
        registry.endless(1000);
        RegistryClient client = registry.connect().withListingLimits(new ListingLimits(5_000, Long.MAX_VALUE), ListingLimits.TAGS);

        RegistryException e = assertThrows(RegistryException.class, client::catalog);

        assertInstanceOf(RegistryException.Refused.class, e);
        assertTrue(e.getMessage().contains("more than 5,000 names"), e.getMessage());
        assertTrue(e.getMessage().contains("by name"), e.getMessage());
        // It stopped reading right at the limit, not after the 10,000-page bound.
        assertEquals(6, registry.requestCount(), registry.requestTargets().toString());
    }

    @Test
    void anEndlessCatalogAlsoStopsAtTheCharacterLimit() throws Exception {
        registry.endless(1000);
        RegistryClient client = registry.connect().withListingLimits(new ListingLimits(1_000_000, 250_000), ListingLimits.TAGS);

        RegistryException e = assertThrows(RegistryException.Refused.class, client::catalog);

        assertTrue(e.getMessage().contains("more than 250,000 characters of names"), e.getMessage());
        assertTrue(registry.requestCount() <= 3, registry.requestTargets().toString());
    }

    @Test
    void anEndlessTagListStopsAtTheLimitNamingTheRepository() throws Exception {
        registry.endless(500);
        RegistryClient client = registry.connect().withListingLimits(ListingLimits.CATALOG, new ListingLimits(2_000, Long.MAX_VALUE));

        RegistryException e = assertThrows(RegistryException.Refused.class, () -> client.tags("ok/repo"));

        assertTrue(e.getMessage().startsWith("The tag list of ok/repo has more than 2,000 names"), e.getMessage());
        assertTrue(e.getMessage().contains("berth inspect HOST/REPOSITORY:TAG"), e.getMessage());
        assertEquals(5, registry.requestCount());
    }

    @Test
    void theDefaultLimitsHoldAHundredThousandRepositoriesOfMaximalLength() {
        assertTrue(ListingLimits.CATALOG.maxNames() >= 100_000 * 10);
        assertTrue(ListingLimits.CATALOG.maxCharacters() >= 100_000L * 255);
        assertTrue(ListingLimits.TAGS.maxNames() >= 20_000 * 10);
        assertTrue(ListingLimits.TAGS.maxCharacters() >= 20_000L * 128);
    }

    @Test
    void listingsReturnNamesAsSentButNoRequestIsEverBuiltFromAnInvalidOne() throws Exception {
        RegistryClient client = registry.connect();
        List<String> repositories = client.catalog();
        assertEquals(Set.copyOf(HostileNamesRegistry.allRepositories()), Set.copyOf(repositories));

        for (String repository : HostileNamesRegistry.INVALID_REPOSITORIES) {
            RegistryException e = assertThrows(RegistryException.Refused.class, () -> client.tags(repository));
            assertTrue(e.getMessage().contains("not a valid repository name"), e.getMessage());
            assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f), e.getMessage());
            assertThrows(RegistryException.Refused.class, () -> client.headManifest(repository, "v1"));
            assertThrows(RegistryException.Refused.class, () -> client.untag(repository, "v1"));
        }
        List<String> tags = client.tags(HostileNamesRegistry.VALID_REPOSITORY);
        assertEquals(Set.copyOf(HostileNamesRegistry.allTags()), Set.copyOf(tags));
        for (String tag : HostileNamesRegistry.INVALID_TAGS) {
            RegistryException e = assertThrows(RegistryException.Refused.class, () -> client.manifest("ok/repo", tag));
            assertTrue(e.getMessage().contains("not a valid tag"), e.getMessage());
            assertThrows(RegistryException.Refused.class, () -> client.headManifest("ok/repo", tag));
            assertThrows(RegistryException.Refused.class, () -> client.untag("ok/repo", tag));
        }
        for (String tag : HostileNamesRegistry.VALID_TAGS) client.headManifest("ok/repo", tag);

        assertEquals(List.of(), registry.requestsFromInvalidNames());
    }

    @Test
    void theCapabilityProbeNeverProbesWithAnInvalidFirstRepository() throws Exception {
        // The catalog's first name is "evil\u001b…": the probe would send DELETEs built from it.
        registry.connect().probe(java.util.Optional.empty());

        assertEquals(List.of(), registry.requestsFromInvalidNames());
    }
}
