package dev.berth.store;

import dev.berth.registry.RequestNames;
import dev.berth.domain.Descriptor;
import dev.berth.domain.Digest;
import dev.berth.domain.Manifest;
import dev.berth.domain.RepositoryName;
import dev.berth.domain.Tag;
import dev.berth.registry.ManifestHead;
import dev.berth.registry.ManifestResponse;
import dev.berth.registry.RegistryClient;
import dev.berth.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One repository of a registry as a place images live: a thin adapter over {@link RegistryClient},
 * which does the protocol (auth, TLS, paging, verified blobs, upload restarts). To make a copy
 * cancellable, pass a client made with {@link RegistryClient#withCancel}.
 */
public final class RegistryStore implements ImageSource, ImageDestination {

    private final RegistryClient client;
    private final String repository;
    private final RepositoryName name;

    public RegistryStore(RegistryClient client, String repository) {
        this.client = client;
        this.repository = repository;
        this.name = RepositoryName.of(repository);
    }

    public RegistryClient client() {
        return client;
    }

    public String repository() {
        return repository;
    }

    public RepositoryName name() {
        return name;
    }

    @Override
    public String description() {
        return "docker://" + client.host() + "/" + repository;
    }

    @Override
    public List<String> tags() throws RegistryException {
        return client.tags(name);
    }

    @Override
    public Descriptor resolve(String tag) throws RegistryException {
        Tag typed = RequestNames.tag(tag);
        ManifestHead head = client.headManifest(name, typed);
        if (head.size() >= 0) return Descriptor.of(head.mediaType(), head.digest(), head.size());
        ManifestResponse full = client.manifest(name, typed);
        return Descriptor.of(full.contentType(), full.digest(), full.manifest().raw().size());
    }

    @Override
    public Manifest manifest(Digest digest) throws RegistryException {
        return client.manifest(name, digest).manifest();
    }

    @Override
    public OptionalLong blobSize(Digest digest) throws RegistryException {
        return client.blobExists(name, digest);
    }

    @Override
    public InputStream openBlob(Descriptor blob) throws RegistryException {
        return client.openBlob(name, blob);
    }

    @Override
    public void putBlob(Descriptor blob, BlobContent content) throws RegistryException {
        client.putBlob(name, blob, content::open); // one request: chunks only help registries that cap request size
    }

    @Override
    public void putManifest(Manifest manifest) throws RegistryException {
        client.putImage(name, manifest, Optional.empty());
    }

    @Override
    public void putImage(Manifest manifest, Optional<String> tag) throws RegistryException {
        client.putImage(name, manifest, tag.map(Tag::of));
    }

    /** A registry makes each manifest visible as it is put: nothing is left to finish. */
    @Override
    public void commit() {
    }

    /** The client belongs to the caller, who may use it for other repositories. */
    @Override
    public void close() {
    }

    /**
     * Mounts a blob from another repository of the same registry instead of uploading it (T11);
     * false when the registry wants a real upload.
     */
    public boolean mountBlob(Digest digest, RepositoryName fromRepository) throws RegistryException {
        return client.mountBlob(name, digest, fromRepository) == dev.berth.registry.MountResult.MOUNTED;
    }
}
