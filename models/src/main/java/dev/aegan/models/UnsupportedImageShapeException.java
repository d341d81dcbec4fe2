package dev.aegan.models;

/** An image shape that a model family's networks cannot be built for. */
public class UnsupportedImageShapeException extends IllegalArgumentException {

    private final transient ImageShape shape;

    public UnsupportedImageShapeException(String family, ImageShape shape, String requirement) {
        super("model '" + family + "' cannot be built for images of shape " + shape + ": " + requirement);
        this.shape = shape;
    }

    public ImageShape shape() {
        return shape;
    }
}
