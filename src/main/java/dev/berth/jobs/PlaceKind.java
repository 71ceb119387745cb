package dev.berth.jobs;

/**
 * The kinds of place an image can be copied from or to, in the order dialogs offer them. A new kind
 * is one constant here, a {@link Place} record and a case in {@link StorePlaces}.
 */
public enum PlaceKind {
    REGISTRY("Registry", Shape.REGISTRY),
    OCI_LAYOUT("OCI layout folder", Shape.FOLDER),
    OCI_ARCHIVE("OCI archive file (.tar)", Shape.FILE),
    DOCKER_ARCHIVE("Docker archive file (docker save, .tar)", Shape.FILE),
    ENGINE("Local engine image", Shape.ENGINE);

    /** What the person picks to name a place of this kind: an engine's image is picked from its list. */
    public enum Shape { REGISTRY, FOLDER, FILE, ENGINE }

    private final String label;
    private final Shape shape;

    PlaceKind(String label, Shape shape) {
        this.label = label;
        this.shape = shape;
    }

    public String label() {
        return label;
    }

    public Shape shape() {
        return shape;
    }

    /** The kinds that live on this machine (push sources). */
    public static java.util.List<PlaceKind> local() {
        return java.util.Arrays.stream(values()).filter(k -> k.shape != Shape.REGISTRY).toList();
    }

    /** The kinds that live in files or folders (export targets: the engine is pulled to instead). */
    public static java.util.List<PlaceKind> files() {
        return java.util.Arrays.stream(values()).filter(k -> k.shape == Shape.FILE || k.shape == Shape.FOLDER).toList();
    }
}
