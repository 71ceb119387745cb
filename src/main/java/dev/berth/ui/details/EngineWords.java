package dev.berth.ui.details;

/** What the details pane says where a registry tag has a value an image in the local engine does not. */
final class EngineWords {

    static final String NO_MANIFEST = "None in the engine: an engine keeps an image unpacked, without a manifest. Its manifest "
            + "digest and media type, and its compressed size, exist once it is pushed to a registry or exported.";
    static final String NO_REFERRERS = "Referrers (signatures, SBOMs, attestations) live in a registry next to an image's manifest; "
            + "an image in the local engine has none. Push it to a registry to sign or attach to it.";
    static final String NO_REGISTRY_DIGESTS = "none (never pulled or pushed by digest)";
    static final String SIZE = "(as the engine stores it, unpacked; the compressed size is known once pushed)";
    static final String LAYER_KIND = "unpacked (diff id)";
    static final String LAYERS = "The engine keeps its layers unpacked and knows them by these diff ids. The compressed layers' "
            + "digests, sizes and media types exist once the image is pushed to a registry or exported.";

    private EngineWords() {}
}
