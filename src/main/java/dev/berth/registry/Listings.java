package dev.berth.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.registry.auth.Scope;
import dev.berth.registry.http.ErrorResponses;
import dev.berth.registry.http.Exchange;
import dev.berth.registry.http.RegistryHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Paginated lists, catalog and tags (trap T10): follows {@code Link} headers resolved against the
 * request URL, only to the registry's own origin, for a bounded number of pages, and retries with
 * a smaller page when the registry refuses the page size. What a whole listing keeps is bounded
 * by {@link ListingLimits}. Names come back as the registry sent them, valid or not: callers show
 * invalid ones escaped, and {@link ApiPaths} refuses to build a request from them.
 */
final class Listings {

    static final int DEFAULT_PAGE_SIZE = 1000;
    static final int FALLBACK_PAGE_SIZE = 100;
    static final int MAX_PAGES = 10_000;
    static final int MAX_LIST_BODY = 32 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");

    private final RegistryHttp http;
    private final ListingLimits catalogLimits;
    private final ListingLimits tagLimits;

    Listings(RegistryHttp http, ListingLimits catalogLimits, ListingLimits tagLimits) {
        this.http = http;
        this.catalogLimits = catalogLimits;
        this.tagLimits = tagLimits;
    }

    Page<String> catalogPage(Optional<String> next, int pageSize) throws RegistryException {
        HttpUrl url = next.isPresent() ? checkedLink(next.get())
                : ApiPaths.catalog(http).addQueryParameter("n", Integer.toString(pageSize)).build();
        return page(url, "repositories", Set.of(Scope.CATALOG), "list the repositories (catalog)");
    }

    Page<String> tagsPage(String repository, Optional<String> next, int pageSize) throws RegistryException {
        HttpUrl url = next.isPresent() ? checkedLink(next.get())
                : ApiPaths.tagList(http, repository).addQueryParameter("n", Integer.toString(pageSize)).build();
        return page(url, "tags", Set.of(Scope.pull(repository)), "list the tags of " + repository);
    }

    /** Every repository, each once, sorted; {@code pages} sees each page as it arrives. */
    List<String> catalog(Consumer<Page<String>> pages) throws RegistryException {
        return all(size -> catalogPage(Optional.empty(), size), next -> catalogPage(Optional.of(next), 0), pages,
                catalogLimits.tally("The catalog of " + http.baseUrl().host() + ":" + http.baseUrl().port(), ListingLimits.NARROW_CATALOG));
    }

    /** Every tag of {@code repository}, each once, sorted; an emptied repository has none. */
    List<String> tags(String repository) throws RegistryException {
        return all(size -> tagsPage(repository, Optional.empty(), size),
                next -> tagsPage(repository, Optional.of(next), 0), page -> {},
                tagLimits.tally("The tag list of " + repository, ListingLimits.NARROW_TAGS));
    }

    private interface FirstPage {
        Page<String> fetch(int pageSize) throws RegistryException;
    }

    private interface NextPage {
        Page<String> fetch(String next) throws RegistryException;
    }

    private List<String> all(FirstPage first, NextPage following, Consumer<Page<String>> pages, ListingLimits.Tally tally)
            throws RegistryException {
        Page<String> page;
        try {
            page = first.fetch(DEFAULT_PAGE_SIZE);
        } catch (RegistryException.ProtocolViolation e) {
            // Distribution refuses n > 1000 (PAGINATION_NUMBER_INVALID); others have lower caps.
            if (e.status() != 400) throw e;
            page = first.fetch(FALLBACK_PAGE_SIZE);
        }
        Set<String> items = new TreeSet<>();
        keep(items, page, tally);
        Set<String> seen = new HashSet<>();
        pages.accept(page);
        int count = 1;
        while (page.next().isPresent()) {
            String next = page.next().get();
            if (!seen.add(next)) break; // a Link loop: the registry keeps sending us back
            if (++count > MAX_PAGES) {
                throw new RegistryException.ProtocolViolation("The registry kept sending more pages after " + MAX_PAGES
                        + "; Berth stopped there.");
            }
            page = following.fetch(next);
            keep(items, page, tally);
            pages.accept(page);
        }
        return new ArrayList<>(items);
    }

    private static void keep(Set<String> items, Page<String> page, ListingLimits.Tally tally) throws RegistryException.Refused {
        for (String item : page.items()) {
            if (items.contains(item)) continue; // pages may overlap; a name is only counted once
            tally.add(item);
            items.add(item);
        }
    }

    private Page<String> page(HttpUrl url, String field, Set<Scope> scopes, String action) throws RegistryException {
        try (Response response = http.send(Exchange.get(url, scopes, action))) {
            JsonNode root;
            try {
                root = JSON.readTree(ErrorResponses.readBounded(response, MAX_LIST_BODY));
            } catch (RegistryException e) {
                throw e;
            } catch (IOException e) {
                root = null;
            }
            if (root == null || !root.isObject()) {
                throw new RegistryException.ProtocolViolation("The registry's answer to " + action + " is not valid JSON.");
            }
            JsonNode list = root.path(field);
            List<String> items = new ArrayList<>();
            if (list.isArray()) {
                list.forEach(item -> {
                    if (item.isTextual() && !item.asText().isEmpty()) items.add(item.asText());
                });
            } else if (!list.isNull() && !list.isMissingNode()) { // "tags": null is an emptied repository
                throw new RegistryException.ProtocolViolation("The registry's answer to " + action + " has no '" + field + "' list.");
            }
            return new Page<>(items, nextLink(response));
        }
    }

    private Optional<String> nextLink(Response response) throws RegistryException {
        for (String header : response.headers("Link")) {
            Matcher m = NEXT_LINK.matcher(header);
            if (m.find()) {
                HttpUrl next = response.request().url().resolve(m.group(1));
                if (next == null) throw new RegistryException.ProtocolViolation("The registry sent an unusable next-page link.");
                return Optional.of(checkedLink(next.toString()).toString());
            }
        }
        return Optional.empty();
    }

    /** A next-page link must stay on the registry's own origin: following it elsewhere is SSRF. */
    private HttpUrl checkedLink(String link) throws RegistryException {
        HttpUrl url = HttpUrl.parse(link);
        HttpUrl base = http.baseUrl();
        if (url == null || !url.scheme().equals(base.scheme()) || !url.host().equals(base.host()) || url.port() != base.port()) {
            throw new RegistryException.Refused("The registry sent a next-page link to another host (" + (url == null ? link : url.host())
                    + "); Berth does not follow it.");
        }
        return url;
    }
}
