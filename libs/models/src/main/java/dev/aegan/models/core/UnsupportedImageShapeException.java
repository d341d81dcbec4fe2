package dev.aegan.models.core;

/** An image shape that a model family's networks cannot be built for. */
public class UnsupportedImageShapeException extends IllegalArgumentException {

    private final transient ImageShape shape;

    public UnsupportedImageShapeException(String family, ImageShape shape, String requirement) {
        super("model '" + family + "' cannot be built for images of shape " + shape + ": " + requirement);
        this.shape = shape;
    }

    /**
     * @param why what bounds the sides (e.g. "three stride-2 convolutions"), or null
     * @throws UnsupportedImageShapeException unless height and width are both in [min, max]
     */
    public static void requireSidesWithin(String family, ImageShape shape, int min, int max, String why) {
        for (int side : new int[] {shape.height(), shape.width()}) {
            if (side < min || side > max) {
                throw new UnsupportedImageShapeException(family, shape, "height and width must be in [" + min + ", "
                        + max + "]" + (why == null ? "" : " (" + why + ")") + ", e.g. 1x28x28 or 3x32x32");
            }
        }
    }

    public ImageShape shape() {
        return shape;
    }
}
