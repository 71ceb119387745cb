package dev.berth.registry;

import dev.berth.work.Amount;
import dev.berth.work.Progress;
import dev.berth.work.CancelSignal;
import dev.berth.work.FanOut;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.ImageConfig;
import dev.berth.domain.Manifest;
import dev.berth.domain.MediaType;
import dev.berth.domain.RawBytes;
import dev.berth.domain.RepositoryName;
import dev.berth.domain.Tag;
import dev.berth.domain.TagOrDigest;
import dev.berth.format.ImageConfigParser;
import dev.berth.format.MalformedContentException;
import dev.berth.registry.http.RegistryHttp;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The registry API for one connection. Calls block and must never run on the FX thread; they are
 * cancelled through {@link #withCancel(CancelSignal)}. Failures are {@link RegistryException}s
 * whose messages are meant for people.
 */
public final class RegistryClient {

    /** Config blobs are small; a huge one is a broken or hostile registry. */
    static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;
    private static final int TAG_LOOKUP_CONCURRENCY = 8;

    private final String host;
    private final RegistryHttp http;
    private final Listings listings;
    private final Manifests manifests;
    private final Blobs blobs;
    private final BlobUploads uploads;
    private final ListingLimits catalogLimits;
    private final ListingLimits tagLimits;

    RegistryClient(String host, RegistryHttp http) {
        this(host, http, ListingLimits.CATALOG, ListingLimits.TAGS);
    }

    private RegistryClient(String host, RegistryHttp http, ListingLimits catalogLimits, ListingLimits tagLimits) {
        this.host = host;
        this.http = http;
        this.catalogLimits = catalogLimits;
        this.tagLimits = tagLimits;
        this.listings = new Listings(http, catalogLimits, tagLimits);
        this.manifests = new Manifests(http);
        this.blobs = new Blobs(http);
        this.uploads = new BlobUploads(http, blobs);
    }

    /** The same connection (credentials, tokens, TLS), with calls aborted when {@code signal} is cancelled. */
    public RegistryClient withCancel(CancelSignal signal) {
        return new RegistryClient(host, http.withCancel(signal), catalogLimits, tagLimits);
    }

    /** The same connection with other bounds on what a catalog and a tag list may hold (tests use small ones). */
    public RegistryClient withListingLimits(ListingLimits catalog, ListingLimits tags) {
        return new RegistryClient(host, http, catalog, tags);
    }

    /** What a whole catalog may hold; {@link #catalog()} keeps to it, and so must anyone paging with {@link #catalogPage}. */
    public ListingLimits catalogLimits() {
        return catalogLimits;
    }

    /** The registry's host[:port] as configured. */
    public String host() {
        return host;
    }

    // Discovery

    /** What the registry allows, found with GET requests only: whether deletes work is left unknown (see {@link #probeIncludingDeletes}). */
    public Capabilities probe(Optional<String> sampleRepository) throws RegistryException {
        return new CapabilityProbe(http, listings).probe(sampleRepository, CapabilityProbe.Deletes.DO_NOT_TRY);
    }

    /**
     * {@link #probe} and whether deletes and tag deletes work, tried with DELETE requests for a digest
     * and a tag that exist nowhere: they remove nothing, but they are deletes on the wire, so this runs
     * only where a person asked to delete (a cleanup apply) or to test the connection.
     */
    public Capabilities probeIncludingDeletes(Optional<String> sampleRepository) throws RegistryException {
        return new CapabilityProbe(http, listings).probe(sampleRepository, CapabilityProbe.Deletes.TRY);
    }

    public Page<String> catalogPage(Optional<String> next, int pageSize) throws RegistryException {
        return listings.catalogPage(next, pageSize);
    }

    /** All repositories, sorted; {@code pages} is told of each page as it arrives (to fill a tree early). */
    public List<String> catalog(Consumer<Page<String>> pages) throws RegistryException {
        return listings.catalog(pages);
    }

    public List<String> catalog() throws RegistryException {
        return listings.catalog(page -> {});
    }

    public Page<String> tagsPage(RepositoryName repository, Optional<String> next, int pageSize) throws RegistryException {
        return listings.tagsPage(repository.value(), next, pageSize);
    }

    /** All tags of a repository, sorted; empty for an emptied repository. */
    public List<String> tags(RepositoryName repository) throws RegistryException {
        return listings.tags(repository.value());
    }

    // Manifests

    /** The manifest {@code reference} names, with names that were checked when they were made, not strings to glue. */
    public ManifestResponse manifest(RepositoryName repository, TagOrDigest reference) throws RegistryException {
        return manifests.get(repository.value(), reference.text());
    }

    public ManifestHead headManifest(RepositoryName repository, TagOrDigest reference) throws RegistryException {
        return manifests.head(repository.value(), reference.text());
    }

    /** Puts {@code raw} exactly as it is (T14) under {@code reference}, sent as {@code mediaType}. */
    public Digest putManifest(RepositoryName repository, TagOrDigest reference, RawBytes raw, MediaType mediaType)
            throws RegistryException {
        return manifests.put(repository.value(), reference.text(), raw, mediaType);
    }

    /**
     * Puts a manifest with its exact bytes (T14: never re-serialised, so its digest stays) under
     * {@code tag}, or by digest: the one way images are put back or pushed — by the transfer engine
     * (through its registry place), by undo and by the tag-deletion check. Its blobs and children
     * must be there already.
     */
    public Digest putImage(RepositoryName repository, Manifest manifest, Optional<Tag> tag) throws RegistryException {
        TagOrDigest reference = tag.isPresent() ? tag.get() : manifest.digest();
        return putManifest(repository, reference, manifest.raw(), manifest.mediaType());
    }

    public DeleteResult delete(DeletableManifest manifest) throws RegistryException {
        return manifests.delete(manifest);
    }

    /** Removes one tag where the registry can ({@link Capabilities.TagDeletion#REMOVES_TAG_ONLY}); see {@link Manifests#untag}. */
    public DeleteResult untag(RepositoryName repository, Tag tag) throws RegistryException {
        return manifests.untag(repository.value(), tag.value());
    }

    /**
     * Finds out what a tag delete removes on this registry by trying it on a tiny image of its own
     * (pushed to {@code repository} under two throw-away tags, then deleted): it WRITES to the
     * registry, so it runs only when a person asks. See {@link TagDeletionCheck}.
     */
    public TagDeletionCheck.Result checkTagDeletion(RepositoryName repository) throws RegistryException {
        return new TagDeletionCheck(this).run(repository);
    }

    public List<Descriptor> referrers(RepositoryName repository, Digest subject) throws RegistryException {
        return manifests.referrers(repository.value(), subject);
    }

    /**
     * Every tag of {@code repository} that points at {@code digest}, from all pages (trap T4:
     * deleting the digest removes all of them, so all must be shown first). A listed tag that is no
     * valid tag is refused, as any request for it would be.
     */
    public List<String> tagsPointingAt(RepositoryName repository, Digest digest) throws RegistryException {
        List<String> tags = tags(repository);
        List<Optional<Digest>> current = FanOut.map(tags, TAG_LOOKUP_CONCURRENCY, CancelSignal.none(),
                tag -> currentDigest(repository, RequestNames.tag(tag)));
        List<String> matching = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            if (current.get(i).filter(digest::equals).isPresent()) matching.add(tags.get(i));
        }
        return matching;
    }

    /** The digest {@code reference} resolves to now, or empty if it is not there (any more). */
    public Optional<Digest> currentDigest(RepositoryName repository, TagOrDigest reference) throws RegistryException {
        try {
            return Optional.of(headManifest(repository, reference).digest());
        } catch (RegistryException.NotFound e) {
            return Optional.empty();
        }
    }

    // Blobs

    public ImageConfig config(RepositoryName repository, Descriptor config) throws RegistryException {
        RawBytes raw = blobBytes(repository, config, MAX_CONFIG_BYTES);
        try {
            return ImageConfigParser.parse(raw);
        } catch (MalformedContentException e) {
            throw new RegistryException.ProtocolViolation("The image config " + config.digest().shortHex() + " in "
                    + repository + " is malformed: " + e.getMessage());
        }
    }

    public RawBytes blobBytes(RepositoryName repository, Descriptor descriptor, int maxBytes) throws RegistryException {
        return blobs.read(repository.value(), descriptor, maxBytes);
    }

    /** The blob's size if {@code repository} has it (0 if the registry does not say), empty if not. */
    public OptionalLong blobExists(RepositoryName repository, Digest digest) throws RegistryException {
        return blobs.exists(repository.value(), digest);
    }

    /** A verifying stream over a blob; the caller closes it. */
    public InputStream openBlob(RepositoryName repository, Descriptor descriptor) throws RegistryException {
        return blobs.open(repository.value(), descriptor);
    }

    public void downloadBlob(RepositoryName repository, Descriptor descriptor, Path target, Progress<Amount> progress)
            throws RegistryException {
        blobs.download(repository.value(), descriptor, target, progress);
    }

    /** Uploads a blob of an image unless present, in one request: the blob half of {@link #putImage}. */
    public void putBlob(RepositoryName repository, Descriptor blob, BlobSource content) throws RegistryException {
        uploadBlob(repository, blob.digest(), blob.size(), content, 0, Progress.none());
    }

    /** Uploads a blob unless present; {@code chunkSize} 0 sends it in one request. */
    public void uploadBlob(RepositoryName repository, Digest digest, long size, BlobSource source, long chunkSize,
            Progress<Amount> progress) throws RegistryException {
        uploads.upload(repository.value(), digest, size, source, chunkSize, progress);
    }

    public MountResult mountBlob(RepositoryName repository, Digest digest, RepositoryName fromRepository)
            throws RegistryException {
        return uploads.mount(repository.value(), digest, fromRepository.value());
    }

    // Text names. Strings only for tests; production code passes typed names (RepositoryName, Tag, Digest, or
    // RequestNames for text that arrived from elsewhere), and LayeringTest fails any class in src/main that calls
    // one of these. Each turns its text into typed names as RequestNames does, so an invalid name is refused as before.

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public Page<String> tagsPage(String repository, Optional<String> next, int pageSize) throws RegistryException {
        return tagsPage(RequestNames.repository(repository), next, pageSize);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public List<String> tags(String repository) throws RegistryException {
        return tags(RequestNames.repository(repository));
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public ManifestResponse manifest(String repository, String tagOrDigest) throws RegistryException {
        return manifest(RequestNames.repository(repository), RequestNames.reference(tagOrDigest));
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public ManifestHead headManifest(String repository, String tagOrDigest) throws RegistryException {
        return headManifest(RequestNames.repository(repository), RequestNames.reference(tagOrDigest));
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public Digest putManifest(String repository, String tagOrDigest, RawBytes raw, MediaType mediaType) throws RegistryException {
        return putManifest(RequestNames.repository(repository), RequestNames.reference(tagOrDigest), raw, mediaType);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public DeleteResult untag(String repository, String tag) throws RegistryException {
        return untag(RequestNames.repository(repository), RequestNames.tag(tag));
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public TagDeletionCheck.Result checkTagDeletion(String repository) throws RegistryException {
        return checkTagDeletion(RequestNames.repository(repository));
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public List<Descriptor> referrers(String repository, Digest subject) throws RegistryException {
        return referrers(RequestNames.repository(repository), subject);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public List<String> tagsPointingAt(String repository, Digest digest) throws RegistryException {
        return tagsPointingAt(RequestNames.repository(repository), digest);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public Optional<Digest> currentDigest(String repository, String tagOrDigest) throws RegistryException {
        return currentDigest(RequestNames.repository(repository), RequestNames.reference(tagOrDigest));
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public ImageConfig config(String repository, Descriptor config) throws RegistryException {
        return config(RequestNames.repository(repository), config);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public RawBytes blobBytes(String repository, Descriptor descriptor, int maxBytes) throws RegistryException {
        return blobBytes(RequestNames.repository(repository), descriptor, maxBytes);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public OptionalLong blobExists(String repository, Digest digest) throws RegistryException {
        return blobExists(RequestNames.repository(repository), digest);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public InputStream openBlob(String repository, Descriptor descriptor) throws RegistryException {
        return openBlob(RequestNames.repository(repository), descriptor);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public void downloadBlob(String repository, Descriptor descriptor, Path target, Progress<Amount> progress)
            throws RegistryException {
        downloadBlob(RequestNames.repository(repository), descriptor, target, progress);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public void uploadBlob(String repository, Digest digest, long size, BlobSource source, long chunkSize,
            Progress<Amount> progress) throws RegistryException {
        uploadBlob(RequestNames.repository(repository), digest, size, source, chunkSize, progress);
    }

    /** @deprecated strings only for tests; production code passes typed names. */
    @Deprecated
    public MountResult mountBlob(String repository, Digest digest, String fromRepository) throws RegistryException {
        return mountBlob(RequestNames.repository(repository), digest, RequestNames.repository(fromRepository));
    }
}
