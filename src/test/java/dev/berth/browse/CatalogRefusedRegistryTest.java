package dev.berth.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.work.CancelSignal;
import dev.berth.registry.ConnectionSettings;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryClients;
import dev.berth.registry.RegistryException;
import dev.berth.registry.auth.Credentials;
import dev.berth.testing.RegistrySeeder;
import dev.berth.testing.RegistryServer;
import dev.berth.testing.TestPki;
import dev.berth.testing.TokenIssuer;
import dev.berth.work.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that does not list its repositories, as Docker Hub or GHCR: a real Distribution with
 * token auth whose issuer grants no one {@code registry:catalog:*}.
 */
class CatalogRefusedRegistryTest {

    private static final TestPki PKI = TestPki.create("berth-catalog-ca");

    @TempDir
    static Path work;

    private static TokenIssuer issuer;
    private static RegistryServer registry;

    @BeforeAll
    static void start() {
        issuer = TokenIssuer.start(PKI).addUser("reader", "r3ad").grant(null, "public/*", "pull");
        registry = RegistryServer.builder(work).tokenAuth(issuer).start();
        RegistrySeeder seeder = RegistrySeeder.of(registry).withAuthorization(RegistrySeeder.bearer(issuer));
        seeder.pushImage("public/tool", "1", 11, 100);
        seeder.putManifest("public/tool", "2", dev.berth.testing.TestImages.ociImage(11, 100).manifest());
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
        if (issuer != null) issuer.close();
    }

    private static RegistryClient connect(Credentials credentials) throws RegistryException {
        return new RegistryClients().connect(ConnectionSettings.of(registry.hostPort()).withCredentials(credentials)
                .withPlainHttp(true, false));
    }

    @Test
    void anonymousCallerIsToldToAddRepositoriesByName() throws Exception {
        CatalogResult result = new CatalogLoader(connect(Credentials.anonymous())).load(Progress.none(), CancelSignal.none());

        CatalogResult.NotListed notListed = assertInstanceOf(CatalogResult.NotListed.class, result);
        assertInstanceOf(RegistryException.Unauthorized.class, notListed.reason());
        assertTrue(notListed.mightNeedSignIn());
        assertTrue(notListed.message().contains("add them by name"), notListed.message());
    }

    @Test
    void signedInCallerWithoutCatalogAccessIsToldTheSame() throws Exception {
        CatalogResult result = new CatalogLoader(connect(Credentials.basic("reader", "r3ad"))).load(Progress.none(),
                CancelSignal.none());

        CatalogResult.NotListed notListed = assertInstanceOf(CatalogResult.NotListed.class, result);
        assertInstanceOf(RegistryException.Forbidden.class, notListed.reason());
        assertFalse(notListed.mightNeedSignIn());
        assertEquals("This registry does not list its repositories; add them by name.", notListed.message());
    }

    @Test
    void repositoriesAddedByNameAreCounted() throws Exception {
        CatalogResult.Listed listed = new CatalogLoader(connect(Credentials.anonymous())).countTags(List.of("public/tool"),
                Progress.none(), CancelSignal.none());
        assertEquals(Map.of("public/tool", 2), listed.tagCounts());
    }
}
