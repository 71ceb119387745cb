package dev.berth.registry;

import dev.berth.domain.Names;
import dev.berth.registry.Capabilities.Ability;
import dev.berth.registry.Capabilities.AuthScheme;
import dev.berth.registry.Capabilities.TagDeletion;
import dev.berth.registry.auth.Challenge;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.http.Exchange;
import dev.berth.registry.http.RegistryHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.Response;

/**
 * Finds out what a registry allows without changing anything. By default it only reads (GET): a
 * dry run, browsing and a preview must be read-only on the wire, so deletes are then left unknown
 * (named only for hosts whose behaviour is known). {@link Deletes#TRY} also tries deletes, on a
 * digest of all zeros and on a tag no one would use, which exist nowhere, so the answer (404 vs 405
 * vs 400) tells the capability and nothing is removed; still, those are DELETE requests, so they are
 * sent only where a person asked to delete or to test the connection.
 */
final class CapabilityProbe {

    /** Whether the probe may send its DELETE requests (for things that exist nowhere). */
    enum Deletes { TRY, DO_NOT_TRY }

    static final String DELETES_NOT_TRIED = "Deletes were not tried: Berth sends its test DELETE requests (for a digest and a tag "
            + "that exist nowhere) only when you test the connection or apply a cleanup.";

    static final String ZERO_DIGEST = "sha256:" + "0".repeat(64);
    static final String PROBE_TAG = "berth-capability-probe-nonexistent";

    private final RegistryHttp http;
    private final Listings listings;

    CapabilityProbe(RegistryHttp http, Listings listings) {
        this.http = http;
        this.listings = listings;
    }

    Capabilities probe(Optional<String> sampleRepository, Deletes tryDeletes) throws RegistryException {
        List<String> notes = new ArrayList<>();
        ping();
        AuthScheme auth = http.authorizer().challenge().map(CapabilityProbe::scheme).orElse(AuthScheme.NONE);

        Ability catalog;
        Optional<String> repository = sampleRepository;
        try {
            Page<String> first = listings.catalogPage(Optional.empty(), 1);
            catalog = Ability.YES;
            // Never a name outside the grammar: the probe builds DELETE paths from it (it could be "../../v2/x").
            if (repository.isEmpty()) repository = first.items().stream().filter(Names::isValidRepository).findFirst();
        } catch (RegistryException.Unauthorized | RegistryException.Forbidden | RegistryException.NotFound
                 | RegistryException.Unsupported e) {
            catalog = Ability.NO;
            notes.add("The catalog is not available: " + e.getMessage());
        }

        if (repository.isEmpty()) {
            notes.add("No repository to probe deletes and referrers with; add one to find out.");
            return new Capabilities(auth, catalog, Ability.UNKNOWN, TagDeletion.UNKNOWN, Ability.UNKNOWN, repository,
                    String.join("\n", notes));
        }
        String repo = repository.get();
        Ability deletes = Ability.UNKNOWN;
        TagDeletion tagDeletion = knownTagDeletionEffect().orElse(TagDeletion.UNKNOWN);
        if (tryDeletes == Deletes.TRY) {
            deletes = deletes(repo, notes);
            tagDeletion = deletes == Ability.NO ? TagDeletion.NOT_SUPPORTED : tagDeletion(repo, notes);
        } else {
            notes.add(DELETES_NOT_TRIED);
        }
        Ability referrers = referrers(repo);
        return new Capabilities(auth, catalog, deletes, tagDeletion, referrers, repository, String.join("\n", notes));
    }

    private void ping() throws RegistryException {
        try (Response ignored = http.send(Exchange.get(http.v2("").build(), Set.of(), "connect"))) {
            // A 2xx after authentication is all a ping needs to say.
        }
    }

    private Ability deletes(String repo, List<String> notes) {
        Exchange exchange = Exchange.of("DELETE", http.v2(repo + "/manifests/" + ZERO_DIGEST).build(), null,
                Set.of(Scope.delete(repo)), "check whether deletes are enabled").handling(404, 405, 400);
        try (Response response = http.send(exchange)) {
            return switch (response.code()) {
                case 404, 202 -> Ability.YES;
                case 405 -> Ability.NO;
                default -> Ability.UNKNOWN;
            };
        } catch (RegistryException.Unsupported e) {
            return Ability.NO;
        } catch (RegistryException e) {
            notes.add("Could not tell whether deletes are enabled: " + e.getMessage());
            return Ability.UNKNOWN;
        }
    }

    private TagDeletion tagDeletion(String repo, List<String> notes) {
        Exchange exchange = Exchange.of("DELETE", http.v2(repo + "/manifests/" + PROBE_TAG).build(), null,
                Set.of(Scope.delete(repo)), "check whether tags can be deleted").handling(400, 404, 405);
        try (Response response = http.send(exchange)) {
            return switch (response.code()) {
                case 400, 405 -> TagDeletion.NOT_SUPPORTED;
                case 404, 202 -> knownTagDeletionEffect().orElse(TagDeletion.ACCEPTED_EFFECT_UNKNOWN);
                default -> TagDeletion.UNKNOWN;
            };
        } catch (RegistryException.Unsupported e) {
            return TagDeletion.NOT_SUPPORTED;
        } catch (RegistryException e) {
            notes.add("Could not tell whether tags can be deleted: " + e.getMessage());
            return TagDeletion.UNKNOWN;
        }
    }

    /** Registries that accept a tag delete differ in what it removes; only known hosts are named. */
    private Optional<TagDeletion> knownTagDeletionEffect() {
        String host = http.baseUrl().host().toLowerCase(Locale.ROOT);
        if (host.endsWith(".azurecr.io")) return Optional.of(TagDeletion.REMOVES_MANIFEST);
        if (host.equals("quay.io")) return Optional.of(TagDeletion.REMOVES_TAG_ONLY);
        if (RegistryClients.isInProcessHost(host)) return Optional.of(TagDeletion.REMOVES_TAG_ONLY);
        return Optional.empty();
    }

    private Ability referrers(String repo) {
        Exchange exchange = Exchange.get(http.v2(repo + "/referrers/" + ZERO_DIGEST).build(), Set.of(Scope.pull(repo)),
                "check for the referrers API").handling(404, 400, 405);
        try (Response response = http.send(exchange)) {
            return response.code() == 200 ? Ability.YES : Ability.NO;
        } catch (RegistryException e) {
            return Ability.UNKNOWN;
        }
    }

    private static AuthScheme scheme(Challenge challenge) {
        return challenge.isBearer() ? AuthScheme.BEARER : challenge.isBasic() ? AuthScheme.BASIC : AuthScheme.NONE;
    }
}
