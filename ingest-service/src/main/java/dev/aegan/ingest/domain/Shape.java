package dev.aegan.ingest.domain;

/** Channels x height x width of one normalised image. */
public record Shape(int channels, int height, int width) {

    public int imageSize() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
