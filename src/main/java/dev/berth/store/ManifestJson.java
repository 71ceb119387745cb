package dev.berth.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One entry of a docker-archive's {@code manifest.json}: an image's config, tags and layers, as paths in the tar. */
record ManifestJson(String config, List<String> repoTags, List<String> layers) {

    ManifestJson {
        repoTags = List.copyOf(repoTags);
        layers = List.copyOf(layers);
    }

    static List<ManifestJson> parse(byte[] bytes, String where) throws StoreException {
        JsonNode root = StoreJson.read(bytes, "The manifest.json of " + where);
        if (!root.isArray()) throw new StoreException.Corrupt("The manifest.json of " + where + " is not a list of images.");
        List<ManifestJson> entries = new ArrayList<>();
        for (JsonNode node : root) {
            String config = node.path("Config").asText("");
            if (config.isEmpty()) throw new StoreException.Corrupt("An image in the manifest.json of " + where + " names no Config.");
            entries.add(new ManifestJson(config, texts(node.path("RepoTags")), texts(node.path("Layers"))));
        }
        return entries;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
