package dev.aegan.ingest.domain;

/** A normalised image: uint8 pixels, channels first (C x H x W), 1 channel (gray) or 3 (RGB). */
public record Image(Shape shape, byte[] pixels) {

    public Image {
        if (pixels.length != shape.imageSize()) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not fit shape " + shape);
        }
    }
}
