package dev.berth.ui.details;

import dev.berth.domain.Digest;

/** A layer of the shown image, and how many tags of the repository use it too. */
public record LayerRow(int index, Digest digest, long size, String mediaType, int sharedByTags) {}
