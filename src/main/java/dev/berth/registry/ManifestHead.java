package dev.berth.registry;

import dev.berth.domain.Digest;
import dev.berth.domain.MediaType;

/** What a HEAD on a manifest tells: its digest, type and size, without the body. */
public record ManifestHead(Digest digest, MediaType mediaType, long size) {}
